package dev.churn.pipelines.cli;

import dev.churn.pipelines.sink.JdbcUrls;
import dev.churn.pipelines.sink.ScoreTable;
import dev.churn.transforms.InvalidInputException;
import dev.churn.transforms.Progress;
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

  @Option(names = "--jdbc-password-env", description = "environment variable holding the database password (default: " + DEFAULT_PASSWORD_ENV + ", when set)")
  String jdbcPasswordEnv;

  /**
   * The table, checked (names validated before any connection), or null without --jdbc-url.
   *
   * @param defaultName the table without --table
   */
  ScoreTable table(String defaultName) {
    if (jdbcUrl == null) {
      if (jdbcPasswordEnv != null || table != null || jdbcUser != null) {
        throw new InvalidInputException("--table, --jdbc-user and --jdbc-password-env need --jdbc-url");
      }
      return null;
    }
    String password = System.getenv(jdbcPasswordEnv == null ? DEFAULT_PASSWORD_ENV : jdbcPasswordEnv);
    if (jdbcPasswordEnv != null && password == null) {
      throw new InvalidInputException("--jdbc-password-env " + jdbcPasswordEnv + ": that environment variable is not set");
    }
    Secrets.hide(password);
    if (JdbcUrls.holdsPassword(jdbcUrl)) {
      Progress.say("warning: the --jdbc-url holds a password, which other users of this machine can see in its process list: give it in "
          + DEFAULT_PASSWORD_ENV + " instead");
    }
    return ScoreTable.of(jdbcUrl, table == null ? defaultName : table, jdbcUser, password);
  }
}
