package dev.churn.pipelines.sink;

import dev.churn.pipelines.rows.ScoreRows;
import dev.churn.transforms.InvalidInputException;
import dev.churn.transforms.schema.DatasetSchema;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.beam.sdk.schemas.Schema;

/**
 * A table in a JDBC database: where it is, how to connect, transactions with retries; for the score
 * table, its DDL, its staging table and the statements that publish a run ({@link MonitorTable} has its
 * own DDL). Scoring writes a run's rows into the staging table {@code TABLE_staging}, keyed by
 * {@code (publication, customer_id)}, and {@link #commit} makes them the run's rows in one transaction:
 * a failed or killed run leaves the score table as it was.
 */
public final class ScoreTable implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Up to 55 characters a part, so that {@code TABLE_staging} fits PostgreSQL's 63. */
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,54}(\\.[A-Za-z_][A-Za-z0-9_]{0,54})?");
  static final List<String> KEYS = List.of(ScoreRows.RUN_ID, ScoreRows.CUSTOMER_ID);
  public static final String DEFAULT_NAME = "churn_scores";
  static final String PUBLICATION = "publication";
  static final List<String> STAGING_KEYS = List.of(PUBLICATION, ScoreRows.CUSTOMER_ID);
  private static final int ATTEMPTS = 6;

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

  /** What {@link #validName} accepts, for messages. */
  public static final String NAME_RULE = "up to 55 letters, digits and _, optionally schema.table";

  public static boolean validName(String table) {
    return table != null && IDENTIFIER.matcher(table).matches();
  }

  /** Checks the table name before any connection is opened. */
  public static ScoreTable of(String url, String table, String user, String password) {
    if (!validName(table)) {
      throw new InvalidInputException("--table '" + table + "' is not a valid table name (" + NAME_RULE + ")");
    }
    return new ScoreTable(url, table, user, password);
  }

  public String url() {
    return url;
  }

  /** The URL without its properties and user information (which may hold credentials): safe to print. */
  public String displayUrl() {
    return JdbcUrls.display(url);
  }

  /** Where the table is, for messages and to recognise it again: {@code TABLE at URL}, no credentials. */
  public String describe() {
    return table + " at " + displayUrl();
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

  /** The table a run's rows are written to before they are published. */
  public String stagingTable() {
    return table + "_staging";
  }

  /** The upsert into the staging table: the publication's id, then the score columns. */
  public String stagedUpsertStatement() {
    List<String> columns = new ArrayList<>();
    columns.add(PUBLICATION);
    columns.addAll(ScoreRows.SCHEMA.getFieldNames());
    return dialect.upsert(stagingTable(), columns, STAGING_KEYS);
  }

  /** The widths of the text columns; every value scoring writes fits them (validation sees to it). */
  static final Map<String, Integer> TEXT_WIDTHS = textWidths();

  private static Map<String, Integer> textWidths() {
    Map<String, Integer> widths = new LinkedHashMap<>();
    widths.put(ScoreRows.RUN_ID, 64);
    widths.put(ScoreRows.CUSTOMER_ID, DatasetSchema.MAX_ID_LENGTH);
    widths.put(ScoreRows.SEGMENT, DatasetSchema.MAX_VALUE_LENGTH);
    widths.put(ScoreRows.RISK_BAND, 16);
    widths.put(ScoreRows.MODEL_VERSION, 512);
    for (int i = 1; i <= 3; i++) {
      widths.put("reason_" + i, ScoreRows.MAX_REASON_LENGTH);
    }
    return widths;
  }

  public String createStatement() {
    return "CREATE TABLE " + table + " (" + columnDefinitions() + ", PRIMARY KEY (" + String.join(", ", KEYS) + "))";
  }

  String stagingCreateStatement() {
    return "CREATE TABLE " + stagingTable() + " (" + PUBLICATION + " " + dialect.text(80) + " NOT NULL, " + columnDefinitions()
        + ", PRIMARY KEY (" + String.join(", ", STAGING_KEYS) + "))";
  }

  private String columnDefinitions() {
    List<String> columns = new ArrayList<>();
    for (Schema.Field field : ScoreRows.SCHEMA.getFields()) {
      String type =
          field.getName().equals(ScoreRows.SCORED_AT)
              ? dialect.timestamp()
              : field.getName().equals(ScoreRows.CHURN_PROBABILITY) ? dialect.doublePrecision() : dialect.text(TEXT_WIDTHS.get(field.getName()));
      columns.add(field.getName() + " " + type + (field.getType().getNullable() ? "" : " NOT NULL"));
    }
    return String.join(", ", columns);
  }

  /**
   * Makes the staged rows of {@code publication} the rows of run {@code runId}, in one transaction: the
   * run's earlier rows are deleted (also those of customers the new run did not score), the staged rows
   * inserted and removed from the staging table. Nothing staged (committed before): nothing to do.
   */
  public void commit(String publication, String runId) throws SQLException, InterruptedException {
    String columns = String.join(", ", ScoreRows.SCHEMA.getFieldNames());
    inTransaction(connection -> {
      try (PreparedStatement staged = connection.prepareStatement("SELECT COUNT(*) FROM " + stagingTable() + " WHERE " + PUBLICATION + " = ?")) {
        staged.setString(1, publication);
        try (ResultSet count = staged.executeQuery()) {
          count.next();
          if (count.getLong(1) == 0) {
            return;
          }
        }
      }
      execute(connection, "DELETE FROM " + table + " WHERE " + ScoreRows.RUN_ID + " = ?", runId);
      execute(connection, "INSERT INTO " + table + " (" + columns + ") SELECT " + columns + " FROM " + stagingTable() + " WHERE " + PUBLICATION + " = ?", publication);
      execute(connection, "DELETE FROM " + stagingTable() + " WHERE " + PUBLICATION + " = ?", publication);
    });
  }

  /** Removes what a run that will not be published staged. */
  public void discardStaged(String publication) throws SQLException, InterruptedException {
    inTransaction(connection -> execute(connection, "DELETE FROM " + stagingTable() + " WHERE " + PUBLICATION + " = ?", publication));
  }

  private static void execute(Connection connection, String sql, String parameter) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, parameter);
      statement.executeUpdate();
    }
  }

  /** Work inside one transaction. */
  public interface SqlWork {
    void run(Connection connection) throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction, all or nothing; a transient error ({@link TransientSqlErrors})
   * rolls it back and retries on a fresh connection with growing pauses.
   */
  public void inTransaction(SqlWork work) throws SQLException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try (Connection connection = connect()) {
        connection.setAutoCommit(false);
        try {
          work.run(connection);
          connection.commit();
          return;
        } catch (SQLException | RuntimeException e) {
          connection.rollback();
          throw e;
        }
      } catch (SQLException e) {
        if (attempt == ATTEMPTS || !TransientSqlErrors.isTransient(e)) {
          throw e;
        }
        Thread.sleep(1000L << (attempt - 1));
      }
    }
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

  /**
   * Creates the table and its staging table when they do not exist yet; refuses an existing table whose
   * text columns are narrower than the values scoring writes.
   */
  public void createIfMissing() {
    createIfMissing(createStatement());
    createIfMissing(stagingTable(), stagingCreateStatement());
    checkWidths();
  }

  private void checkWidths() {
    try (Connection connection = connect()) {
      for (Map.Entry<String, Integer> column : TEXT_WIDTHS.entrySet()) {
        Integer width = width(connection, column.getKey());
        if (width != null && width < column.getValue()) {
          throw new InvalidInputException("table " + table + " at " + displayUrl() + ": column " + column.getKey() + " holds " + width
              + " characters, scores need " + column.getValue() + " (widen it, or give another --table)");
        }
      }
    } catch (SQLException e) {
      throw new InvalidInputException("cannot read the columns of table " + table + " at " + displayUrl() + ": " + SqlErrors.describe(e), e);
    }
  }

  /** The declared width of a text column, or null when the database does not say. */
  private Integer width(Connection connection, String column) throws SQLException {
    String[] parts = table.split("\\.");
    String schema = parts.length > 1 ? parts[0] : null;
    for (String name : new String[] {parts[parts.length - 1], parts[parts.length - 1].toUpperCase(Locale.ROOT), parts[parts.length - 1].toLowerCase(Locale.ROOT)}) {
      for (String columnName : new String[] {column, column.toUpperCase(Locale.ROOT)}) {
        try (ResultSet columns = connection.getMetaData().getColumns(null, schema, name, columnName)) {
          if (columns.next()) {
            int size = columns.getInt("COLUMN_SIZE");
            return size > 0 ? size : null;
          }
        }
      }
    }
    return null;
  }

  /** Runs {@code create} (a CREATE TABLE of this table) when the table does not exist yet. */
  void createIfMissing(String create) {
    createIfMissing(table, create);
  }

  private void createIfMissing(String table, String create) {
    try (Connection connection = connect()) {
      if (!exists(connection, table)) {
        try (Statement statement = connection.createStatement()) {
          statement.execute(create);
        }
      }
    } catch (SQLException e) {
      throw new InvalidInputException(
          "cannot prepare table " + table + " at " + displayUrl() + ": " + SqlErrors.describe(e), e);
    }
  }

  /** Whether {@code table} ({@code name} or {@code schema.name}, in any case) exists in the connection's database. */
  static boolean exists(Connection connection, String table) throws SQLException {
    String[] parts = table.split("\\.");
    String name = parts[parts.length - 1];
    String schema = parts.length > 1 ? parts[0] : null;
    for (String candidate : new String[] {name, name.toUpperCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)}) {
      try (ResultSet tables = connection.getMetaData().getTables(null, schema, candidate, null)) {
        if (tables.next()) {
          return true;
        }
      }
    }
    return false;
  }
}
