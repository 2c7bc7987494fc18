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
    return table(jdbcUrl, table, defaultName, jdbcUser, jdbcPasswordEnv, "");
  }

  /**
   * The table at {@code url} ({@code table}, or {@code defaultName} when null), checked, with its password from {@code passwordEnv} (default
   * {@value #DEFAULT_PASSWORD_ENV}, when set); null without a URL. {@code prefix} is that of the
   * command's option names ({@code --PREFIXjdbc-url}), for its messages.
   */
  static ScoreTable table(String url, String table, String defaultName, String user, String passwordEnv, String prefix) {
    if (url == null) {
      if (passwordEnv != null || table != null || user != null) {
        throw new InvalidInputException("--" + prefix + "table, --" + prefix + "jdbc-user and --" + prefix + "jdbc-password-env need --" + prefix + "jdbc-url");
      }
      return null;
    }
    String password = System.getenv(passwordEnv == null ? DEFAULT_PASSWORD_ENV : passwordEnv);
    if (passwordEnv != null && password == null) {
      throw new InvalidInputException("--" + prefix + "jdbc-password-env " + passwordEnv + ": that environment variable is not set");
    }
    Secrets.hide(password);
    if (JdbcUrls.holdsPassword(url)) {
      Progress.say("warning: the --" + prefix + "jdbc-url holds a password, which other users of this machine can see in its process list: give it in "
          + DEFAULT_PASSWORD_ENV + " instead");
    }
    if (table != null && !ScoreTable.validName(table)) {
      throw new InvalidInputException("--" + prefix + "table '" + table + "' is not a valid table name (" + ScoreTable.NAME_RULE + ")");
    }
    return ScoreTable.of(url, table == null ? defaultName : table, user, password);
  }
}
