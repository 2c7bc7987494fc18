package dev.churn.pipelines.sink;

import dev.churn.pipelines.score.ScoreRows;
import dev.churn.transforms.InvalidInputException;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A table in a JDBC database: where it is, how to connect; for the score table, its DDL and upsert
 * statement ({@link MonitorTable} has its own).
 */
public final class ScoreTable implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}(\\.[A-Za-z_][A-Za-z0-9_]{0,127})?");
  static final List<String> KEYS = List.of(ScoreRows.RUN_ID, ScoreRows.CUSTOMER_ID);
  public static final String DEFAULT_NAME = "churn_scores";

  private final String url;
  private final String table;
  private final String user;
  private final String password;
  private final JdbcDialect dialect;

  private ScoreTable(String url, String table, String user, String password) {
    this.dialect = JdbcDialect.of(url);
    this.url = dialect.secure(url);
    this.table = table;
    this.user = user;
    this.password = password;
  }

  /** Checks the table name before any connection is opened. */
  public static ScoreTable of(String url, String table, String user, String password) {
    if (table == null || !IDENTIFIER.matcher(table).matches()) {
      throw new InvalidInputException(
          "--table '" + table + "' is not a valid table name (letters, digits and _, optionally schema.table)");
    }
    return new ScoreTable(url, table, user, password);
  }

  public String url() {
    return url;
  }

  /** The URL without its properties (which may hold credentials): safe to print. */
  public String displayUrl() {
    return url.split("[;?]", 2)[0];
  }

  public String table() {
    return table;
  }

  public JdbcDialect dialect() {
    return dialect;
  }

  String user() {
    return user;
  }

  String password() {
    return password;
  }

  public String upsertStatement() {
    return dialect.upsert(table, ScoreRows.SCHEMA.getFieldNames(), KEYS);
  }

  public String createStatement() {
    return "CREATE TABLE " + table + " ("
        + ScoreRows.RUN_ID + " " + dialect.text(64) + " NOT NULL, "
        + ScoreRows.SCORED_AT + " " + dialect.timestamp() + " NOT NULL, "
        + ScoreRows.CUSTOMER_ID + " " + dialect.text(128) + " NOT NULL, "
        + ScoreRows.SEGMENT + " " + dialect.text(256) + " NOT NULL, "
        + ScoreRows.CHURN_PROBABILITY + " " + dialect.doublePrecision() + " NOT NULL, "
        + ScoreRows.RISK_BAND + " " + dialect.text(16) + " NOT NULL, "
        + ScoreRows.MODEL_VERSION + " " + dialect.text(512) + " NOT NULL, "
        + "reason_1 " + dialect.text(512) + ", reason_2 " + dialect.text(512) + ", reason_3 " + dialect.text(512) + ", "
        + "PRIMARY KEY (" + String.join(", ", KEYS) + "))";
  }

  public Connection connect() throws SQLException {
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    return DriverManager.getConnection(url, properties);
  }

  /** Creates the table when it does not exist yet. */
  public void createIfMissing() {
    createIfMissing(createStatement());
  }

  /** Runs {@code create} (a CREATE TABLE of this table) when the table does not exist yet. */
  void createIfMissing(String create) {
    try (Connection connection = connect()) {
      String[] parts = table.split("\\.");
      String name = parts[parts.length - 1];
      String schema = parts.length > 1 ? parts[0] : null;
      boolean exists = false;
      for (String candidate : new String[] {name, name.toUpperCase(), name.toLowerCase()}) {
        try (var tables = connection.getMetaData().getTables(null, schema, candidate, null)) {
          exists |= tables.next();
        }
      }
      if (!exists) {
        try (Statement statement = connection.createStatement()) {
          statement.execute(create);
        }
      }
    } catch (SQLException e) {
      throw new InvalidInputException(
          "cannot prepare table " + table + " at " + displayUrl() + ": " + e.getMessage(), e);
    }
  }
}
