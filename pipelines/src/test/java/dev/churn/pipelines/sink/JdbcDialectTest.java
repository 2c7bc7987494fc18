package dev.churn.pipelines.sink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertThrows;

import dev.churn.transforms.InvalidInputException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import org.junit.Test;

public class JdbcDialectTest {
  private static final List<String> COLUMNS = List.of("run_id", "customer_id", "p");
  private static final List<String> KEYS = List.of("run_id", "customer_id");

  @Test
  public void dialectFollowsTheUrl() {
    assertThat(JdbcDialect.of("jdbc:h2:mem:x"), equalTo(JdbcDialect.H2));
    assertThat(JdbcDialect.of("jdbc:postgresql://localhost/test"), equalTo(JdbcDialect.POSTGRESQL));
    assertThat(JdbcDialect.of("jdbc:sqlserver://x.database.windows.net;encrypt=true"), equalTo(JdbcDialect.SQLSERVER));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> JdbcDialect.of("jdbc:mysql://h/db"));
    assertThat(e.getMessage(), equalTo("--jdbc-url jdbc:mysql://h/db: unsupported database (use jdbc:h2:, jdbc:postgresql: or jdbc:sqlserver:)"));
  }

  @Test
  public void theSqlServerDriverIsThereAndAnUnreachableServerIsOneClearLine() {
    // no SQL Server can run here: a closed port shows the driver is loaded and tries to connect
    ScoreTable table = ScoreTable.of("jdbc:sqlserver://127.0.0.1:1;databaseName=churn;loginTimeout=2", "scores", "churn", "pw-secret");
    InvalidInputException e = assertThrows(InvalidInputException.class, table::createIfMissing);
    assertThat(e.getMessage(), startsWith("cannot prepare table scores at jdbc:sqlserver://127.0.0.1:1"));
    assertThat(e.getMessage(), containsString("TCP/IP connection to the host 127.0.0.1, port 1 has failed"));
    assertThat(e.getMessage(), not(containsString("pw-secret")));
  }

  @Test
  public void sqlServerConnectionsAreEncryptedUnlessTheUrlOptsOut() {
    assertThat(
        ScoreTable.of("jdbc:sqlserver://db.example.net:1433;databaseName=churn", "scores", null, null).url(),
        equalTo("jdbc:sqlserver://db.example.net:1433;databaseName=churn;encrypt=true"));
    assertThat(
        ScoreTable.of("jdbc:sqlserver://localhost:1433;encrypt=false", "scores", null, null).url(),
        equalTo("jdbc:sqlserver://localhost:1433;encrypt=false"));
    assertThat(ScoreTable.of("jdbc:postgresql://localhost/test", "scores", null, null).url(), equalTo("jdbc:postgresql://localhost/test"));
  }

  @Test
  public void onlyTransientErrorsAreRetried() {
    // Azure SQL: database moved (40613), throttled (40501), deadlock victim (1205); PostgreSQL: deadlock, lost connection
    assertThat(TransientSqlErrors.isTransient(new SQLException("unavailable", "S0001", 40613)), equalTo(true));
    assertThat(TransientSqlErrors.isTransient(new SQLException("throttled", "S0001", 40501)), equalTo(true));
    assertThat(TransientSqlErrors.isTransient(new SQLException("deadlock", "40001", 1205)), equalTo(true));
    assertThat(TransientSqlErrors.isTransient(new SQLException("deadlock detected", "40P01", 0)), equalTo(true));
    assertThat(TransientSqlErrors.isTransient(new SQLException("connection reset", "08006", 0)), equalTo(true));
    SQLException wrapped = new SQLException("batch failed", "HY000", 0, new SQLException("reconfiguring", "S0001", 40197));
    assertThat(TransientSqlErrors.isTransient(wrapped), equalTo(true));
    // a bad statement, a broken constraint or a permission fails at once
    assertThat(TransientSqlErrors.isTransient(new SQLException("syntax", "42601", 0)), equalTo(false));
    assertThat(TransientSqlErrors.isTransient(new SQLException("duplicate key", "23505", 0)), equalTo(false));
    assertThat(TransientSqlErrors.isTransient(new SQLException("permission denied", "42501", 229)), equalTo(false));
  }

  @Test
  public void upsertStatements() {
    assertThat(JdbcDialect.H2.upsert("s", COLUMNS, KEYS), equalTo("MERGE INTO s (run_id, customer_id, p) KEY (run_id, customer_id) VALUES (?, ?, ?)"));
    assertThat(
        JdbcDialect.POSTGRESQL.upsert("s", COLUMNS, KEYS),
        equalTo("INSERT INTO s (run_id, customer_id, p) VALUES (?, ?, ?) ON CONFLICT (run_id, customer_id) DO UPDATE SET p = EXCLUDED.p"));
    assertThat(
        JdbcDialect.SQLSERVER.upsert("s", COLUMNS, KEYS),
        equalTo(
            "MERGE INTO s WITH (HOLDLOCK) AS t USING (VALUES (?, ?, ?)) AS s (run_id, customer_id, p)"
                + " ON t.run_id = s.run_id AND t.customer_id = s.customer_id WHEN MATCHED THEN UPDATE SET t.p = s.p"
                + " WHEN NOT MATCHED THEN INSERT (run_id, customer_id, p) VALUES (s.run_id, s.customer_id, s.p);"));
  }

  @Test
  public void h2InSqlServerModeCreatesTheTableAndUpsertsByKey() throws Exception {
    ScoreTable table = ScoreTable.of("jdbc:h2:mem:upsert;MODE=MSSQLServer;DB_CLOSE_DELAY=-1", "dbo_scores", null, null);
    table.createIfMissing();
    table.createIfMissing(); // a second call finds the table
    try (Connection c = table.connect()) {
      for (double p : new double[] {0.2, 0.7}) {
        try (PreparedStatement s = c.prepareStatement(table.upsertStatement())) {
          Object[] values = {"run", new Timestamp(0), "c1", "seg", p, "low", "v0001/seg", "a", null, null};
          for (int i = 0; i < values.length; i++) {
            s.setObject(i + 1, values[i]);
          }
          s.executeUpdate();
        }
      }
      try (ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*), MAX(churn_probability) FROM dbo_scores")) {
        r.next();
        assertThat(r.getLong(1), equalTo(1L));
        assertThat(r.getDouble(2), equalTo(0.7));
      }
    }
  }

  @Test
  public void displayedUrlLeavesOutProperties() {
    assertThat(ScoreTable.of("jdbc:postgresql://h/db?user=u&password=secret", "s", null, null).displayUrl(), equalTo("jdbc:postgresql://h/db"));
    assertThat(ScoreTable.of("jdbc:sqlserver://h:1433;password=secret", "s", null, null).displayUrl(), equalTo("jdbc:sqlserver://h:1433"));
  }

  @Test
  public void tableNamesAreIdentifiers() {
    assertThat(ScoreTable.of("jdbc:h2:mem:x", "analytics.churn_scores", null, null).table(), equalTo("analytics.churn_scores"));
    for (String bad : List.of("scores;DROP TABLE x--", "a b", "1scores", "a.b.c", "")) {
      assertThrows(bad, InvalidInputException.class, () -> ScoreTable.of("jdbc:h2:mem:x", bad, null, null));
    }
  }
}
