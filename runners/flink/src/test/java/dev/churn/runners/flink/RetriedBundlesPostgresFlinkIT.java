package dev.churn.runners.flink;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@link RetriedBundlesFlinkTest} with the score table in the PostgreSQL server on this machine. */
public class RetriedBundlesPostgresFlinkIT {
  private static final String URL =
      System.getProperty("churn.it.postgres", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

  @Rule public TemporaryFolder folder = new TemporaryFolder();

  private final String table = "churn_retried_it_" + UUID.randomUUID().toString().substring(0, 8);

  @After
  public void dropTable() throws Exception {
    try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + table);
    }
  }

  @Test
  public void retriedWritesLeaveOneRowPerCustomerInFilesAndPostgres() throws Exception {
    RetriedBundlesFlinkTest.assertOneRowPerCustomerAfterRetries(folder.getRoot().toPath(), URL, table);
  }
}
