package dev.churn.pipelines.sink;

import java.sql.SQLException;

/**
 * One line for a database error that never shows the rows it was about: drivers put the failed
 * statement, its values and the offending key into their messages ({@code Batch entry 0 INSERT ...
 * VALUES ('...')}, {@code Detail: Key (...)=(...)}, {@code ; SQL statement: ...}).
 */
public final class SqlErrors {
  private SqlErrors() {}

  /** The first SQL error in the chain, described without data; null when there is none. */
  public static String find(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException) {
        return describe((SQLException) t);
      }
    }
    return null;
  }

  public static String describe(SQLException error) {
    SQLException cause = error;
    // a batch's own message holds the statement; the reason is in the next exception
    while (cause.getNextException() != null && cause.getMessage() != null && cause.getMessage().contains("Batch entry")) {
      cause = cause.getNextException();
    }
    String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    message = message.lines().findFirst().orElse(message);
    message = message.replaceAll("(?i)Batch entry \\d+ .* was aborted:?", "");
    message = message.replaceAll("(?i);?\\s*SQL statement:.*", "");
    message = message.replaceAll("'(?:[^']|'')*'", "'...'");
    message = message.replaceAll("\\(\\s*'\\.\\.\\.'[^)]*\\)", "(...)");
    message = message.replaceAll("=\\([^)]*\\)", "=(...)");
    String state = cause.getSQLState() == null ? "" : " (SQL state " + cause.getSQLState() + ")";
    return JdbcUrls.redact(message.strip()) + state;
  }
}
