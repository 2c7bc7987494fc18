package dev.churn.pipelines.sink;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;

/**
 * The table of monitoring rows in a JDBC database (the score table's databases and dialects): one row
 * per measured value of a check, upserted by {@link #KEYS}, so monitoring the same run again replaces
 * its rows. The few hundred rows of a run are written from the driver in one transaction
 * ({@link ScoreTable#inTransaction}, which retries transient errors).
 */
public final class MonitorTable {
  public static final String DEFAULT_NAME = "churn_monitor";
  public static final List<String> COLUMNS =
      List.of("run_id", "monitored_at", "model_version", "check_name", "subject", "metric", "metric_value", "training_value", "status", "finding");
  static final List<String> KEYS = List.of("run_id", "model_version", "check_name", "subject", "metric");

  private final ScoreTable table;

  /** @param table where the rows go: a validated name, its database and credentials */
  public MonitorTable(ScoreTable table) {
    this.table = table;
  }

  /** One monitoring row, in the order of {@link #COLUMNS}. */
  public static final class Row {
    public String runId;
    public Instant monitoredAt;
    public String modelVersion;
    public String check;
    public String subject;
    public String metric;
    public Double value;
    public Double trainingValue;
    public String status;
    public String finding;
  }

  public String createStatement() {
    JdbcDialect d = table.dialect();
    return "CREATE TABLE " + table.table() + " ("
        + "run_id " + d.text(200) + " NOT NULL, monitored_at " + d.timestamp() + " NOT NULL, "
        + "model_version " + d.text(64) + " NOT NULL, check_name " + d.text(32) + " NOT NULL, "
        + "subject " + d.text(256) + " NOT NULL, metric " + d.text(128) + " NOT NULL, "
        + "metric_value " + d.doublePrecision() + ", training_value " + d.doublePrecision() + ", "
        + "status " + d.text(16) + " NOT NULL, finding " + d.text(1024) + ", "
        + "PRIMARY KEY (" + String.join(", ", KEYS) + "))";
  }

  /** Creates the table if needed and upserts the rows, all or none. */
  public void write(List<Row> rows) throws SQLException, InterruptedException {
    table.createIfMissing(createStatement());
    String upsert = table.dialect().upsert(table.table(), COLUMNS, KEYS);
    table.inTransaction(connection -> {
      try (PreparedStatement statement = connection.prepareStatement(upsert)) {
        for (Row row : rows) {
          set(statement, row);
          statement.addBatch();
        }
        statement.executeBatch();
      }
    });
  }

  private static void set(PreparedStatement statement, Row row) throws SQLException {
    int i = 1;
    statement.setString(i++, row.runId);
    statement.setTimestamp(i++, Timestamp.from(row.monitoredAt));
    statement.setString(i++, row.modelVersion);
    statement.setString(i++, row.check);
    statement.setString(i++, row.subject);
    statement.setString(i++, row.metric);
    setNumber(statement, i++, row.value);
    setNumber(statement, i++, row.trainingValue);
    statement.setString(i++, row.status);
    statement.setString(i, row.finding);
  }

  /** NaN and infinities (a metric that could not be measured) are stored as NULL. */
  private static void setNumber(PreparedStatement statement, int position, Double value) throws SQLException {
    if (value == null || value.isNaN() || value.isInfinite()) {
      statement.setNull(position, Types.DOUBLE);
    } else {
      statement.setDouble(position, value);
    }
  }
}
