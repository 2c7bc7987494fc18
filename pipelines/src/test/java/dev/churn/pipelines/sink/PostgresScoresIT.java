package dev.churn.pipelines.sink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.churn.pipelines.TrainedTelco;
import dev.churn.pipelines.cli.ChurnCli;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.junit.After;
import org.junit.Test;

/**
 * Score rows upserted into the PostgreSQL server on this machine (127.0.0.1:5432, database test):
 * repeating a run replaces its rows, another run adds its own.
 */
public class PostgresScoresIT {
  private static final String URL =
      System.getProperty("churn.it.postgres", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

  private final String table = "churn_scores_it_" + UUID.randomUUID().toString().substring(0, 8);

  @After
  public void dropTable() throws Exception {
    try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + table);
    }
  }

  private int score(String runId, String output) {
    TrainedTelco trained = TrainedTelco.get();
    return ChurnCli.execute(
        "score", "--customers", trained.data.score.toString(), "--registry", trained.registry.toString(),
        "--output", trained.folder.resolve(output).toString(), "--run-id", runId, "--jdbc-url", URL, "--table", table);
  }

  @Test
  public void repeatedRunLeavesOneRowPerCustomerAndRunsStaySeparate() throws Exception {
    int customers = TrainedTelco.get().data.scoreRows;
    assertThat(score("night-1", "pg-1"), equalTo(0));
    assertThat(score("night-1", "pg-1"), equalTo(0));
    assertThat(score("night-2", "pg-2"), equalTo(0));
    try (Connection c = DriverManager.getConnection(URL);
        ResultSet r =
            c.createStatement()
                .executeQuery(
                    "SELECT run_id, COUNT(*), COUNT(DISTINCT customer_id), MIN(churn_probability) >= 0, MAX(churn_probability) <= 1 FROM "
                        + table + " GROUP BY run_id ORDER BY run_id")) {
      for (String run : new String[] {"night-1", "night-2"}) {
        r.next();
        assertThat(r.getString(1), equalTo(run));
        assertThat(r.getLong(2), equalTo((long) customers));
        assertThat(r.getLong(3), equalTo((long) customers));
        assertThat(r.getBoolean(4) && r.getBoolean(5), equalTo(true));
      }
      assertThat(r.next(), equalTo(false));
    }
  }
}
