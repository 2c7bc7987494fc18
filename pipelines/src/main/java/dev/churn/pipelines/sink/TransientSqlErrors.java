package dev.churn.pipelines.sink;

import java.sql.SQLException;
import java.util.Set;

/**
 * Which database errors are worth retrying: Azure SQL's transient errors (a database being moved or
 * reconfigured, throttling, resource limits), deadlock victims, serialization failures and broken
 * connections. Anything else (a bad statement, a constraint, a permission) fails at once.
 */
public final class TransientSqlErrors {
  /** SQL Server / Azure SQL error numbers of transient conditions. */
  static final Set<Integer> SQL_SERVER_CODES =
      Set.of(40613, 40501, 49918, 49919, 49920, 4060, 10928, 10929, 40197, 1205);

  private TransientSqlErrors() {}

  public static boolean isTransient(SQLException error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SQLException && isTransientItself((SQLException) t)) {
        return true;
      }
    }
    for (SQLException next = error.getNextException(); next != null; next = next.getNextException()) {
      if (isTransientItself(next)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isTransientItself(SQLException e) {
    String state = e.getSQLState();
    return SQL_SERVER_CODES.contains(e.getErrorCode())
        || "40001".equals(state) // serialization failure, deadlock (SQL Server, PostgreSQL)
        || "40P01".equals(state) // PostgreSQL deadlock
        || (state != null && state.startsWith("08")); // connection failures
  }
}
