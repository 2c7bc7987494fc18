package dev.churn.pipelines.cli;

import dev.churn.pipelines.sink.ScoreTable;
import picocli.CommandLine.Option;

/** Options of the JDBC score table; the password comes from an environment variable, never the command line. */
public final class JdbcOptions {
  static final String DEFAULT_PASSWORD_ENV = "CHURN_JDBC_PASSWORD";

  @Option(names = "--jdbc-url", description = "also upsert the rows into this database (jdbc:h2:, jdbc:postgresql:, jdbc:sqlserver:)")
  String jdbcUrl;

  @Option(names = "--table", description = "table (default: churn_scores for scores, churn_monitor for monitoring rows)")
  String table;

  @Option(names = "--jdbc-user", description = "database user")
  String jdbcUser;

  @Option(names = "--jdbc-password-env", defaultValue = DEFAULT_PASSWORD_ENV, description = "environment variable holding the database password (default: ${DEFAULT-VALUE})")
  String jdbcPasswordEnv;

  /**
   * The table, checked (names validated before any connection), or null without --jdbc-url.
   *
   * @param defaultName the table without --table
   */
  ScoreTable table(String defaultName) {
    return jdbcUrl == null ? null : ScoreTable.of(jdbcUrl, table == null ? defaultName : table, jdbcUser, System.getenv(jdbcPasswordEnv));
  }
}
