package dev.churn.pipelines.cli;

import dev.churn.pipelines.sink.ScoreTable;
import picocli.CommandLine.Option;

/** Options of the JDBC score table; the password comes from an environment variable, never the command line. */
public final class JdbcOptions {
  static final String DEFAULT_PASSWORD_ENV = "CHURN_JDBC_PASSWORD";

  @Option(names = "--jdbc-url", description = "also upsert score rows into this database (jdbc:h2:, jdbc:postgresql:, jdbc:sqlserver:)")
  String jdbcUrl;

  @Option(names = "--table", defaultValue = "churn_scores", description = "score table (default: ${DEFAULT-VALUE})")
  String table;

  @Option(names = "--jdbc-user", description = "database user")
  String jdbcUser;

  @Option(names = "--jdbc-password-env", defaultValue = DEFAULT_PASSWORD_ENV, description = "environment variable holding the database password (default: ${DEFAULT-VALUE})")
  String jdbcPasswordEnv;

  /** The score table, checked (names validated before any connection), or null without --jdbc-url. */
  ScoreTable table() {
    return jdbcUrl == null ? null : ScoreTable.of(jdbcUrl, table, jdbcUser, System.getenv(jdbcPasswordEnv));
  }
}
