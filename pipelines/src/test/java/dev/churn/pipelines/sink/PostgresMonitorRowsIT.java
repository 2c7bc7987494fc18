package dev.churn.pipelines.sink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.After;
import org.junit.Test;

/** Monitoring rows upserted into the PostgreSQL server on this machine: writing a run again replaces its rows. */
public class PostgresMonitorRowsIT {
  private static final String URL =
      System.getProperty("churn.it.postgres", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

  private final String name = "churn_monitor_it_" + UUID.randomUUID().toString().substring(0, 8);

  @After
  public void dropTable() throws Exception {
    try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + name);
    }
  }

  private static MonitorTable.Row row(String run, String metric, double value, String status) {
    MonitorTable.Row row = new MonitorTable.Row();
    row.runId = run;
    row.monitoredAt = Instant.parse("2026-11-26T00:00:00Z");
    row.modelVersion = "v0001";
    row.check = "feature_drift";
    row.subject = "tenure";
    row.metric = metric;
    row.value = value;
    row.status = status;
    return row;
  }

  @Test
  public void aRunWrittenAgainReplacesItsRowsAndUnmeasuredValuesAreNull() throws Exception {
    MonitorTable table = new MonitorTable(ScoreTable.of(URL, name, null, null));
    table.write(List.of(row("night-1", "psi", 0.5, "RETRAIN"), row("night-1", "ks", Double.NaN, "RETRAIN")));
    table.write(List.of(row("night-1", "psi", 0.05, "OK"), row("night-1", "ks", 0.02, "OK")));
    table.write(List.of(row("night-2", "psi", 0.3, "RETRAIN")));
    try (Connection c = DriverManager.getConnection(URL);
        ResultSet r = c.createStatement().executeQuery(
            "SELECT run_id, COUNT(*), MAX(metric_value), MIN(status), COUNT(metric_value) FROM " + name + " GROUP BY run_id ORDER BY run_id")) {
      r.next();
      assertThat(r.getString(1), equalTo("night-1"));
      assertThat(r.getLong(2), equalTo(2L));
      assertThat(r.getDouble(3), equalTo(0.05));
      assertThat(r.getString(4), equalTo("OK"));
      assertThat(r.getLong(5), equalTo(2L));
      r.next();
      assertThat(r.getString(1), equalTo("night-2"));
      assertThat(r.getLong(2), equalTo(1L));
      assertThat(r.next(), equalTo(false));
    }
  }
}
