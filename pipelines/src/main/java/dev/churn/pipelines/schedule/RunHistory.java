package dev.churn.pipelines.schedule;

import dev.churn.pipelines.input.ReadCounts;
import dev.churn.pipelines.sink.JdbcDialect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The scheduler's run history, one row per launch in the JDBC table {@code churn_schedule_runs}:
 * written when a launch starts (status {@code RUNNING}) and completed when it ends ({@code SUCCEEDED}
 * or {@code FAILED}, with the exit status, row counts and the error line).
 */
public final class RunHistory {
  public static final String TABLE = "churn_schedule_runs";
  public static final String RUNNING = "RUNNING";
  public static final String SUCCEEDED = "SUCCEEDED";
  public static final String FAILED = "FAILED";

  /** One launch. */
  public static final class Run {
    public String job;
    public String runId;
    public Instant fireTime;
    public Instant startedAt;
    public Instant endedAt;
    public String status;
    public Integer exitCode;
    public Long rowsRead;
    public Long rowsAccepted;
    public Long deadLetters;
    public String message;
  }

  private final String url;

  /** @param url a JDBC URL (H2 gets its commits written at once: {@link JdbcDialect#durable}) */
  public RunHistory(String url) {
    this.url = url.startsWith("jdbc:h2:") ? JdbcDialect.durable(url) : url;
  }

  public String url() {
    return url;
  }

  public void createIfMissing() throws SQLException {
    try (Connection c = DriverManager.getConnection(url)) {
      c.createStatement()
          .execute(
              "CREATE TABLE IF NOT EXISTS " + TABLE + " (job VARCHAR(200) NOT NULL, run_id VARCHAR(200) NOT NULL,"
                  + " fire_time TIMESTAMP, started_at TIMESTAMP NOT NULL, ended_at TIMESTAMP, status VARCHAR(20) NOT NULL,"
                  + " exit_code INTEGER, rows_read BIGINT, rows_accepted BIGINT, dead_letters BIGINT, message VARCHAR(2000),"
                  + " PRIMARY KEY (job, run_id))");
    }
  }

  public void started(Run run) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO " + TABLE + " (job, run_id, fire_time, started_at, status) VALUES (?, ?, ?, ?, ?)")) {
      insert.setString(1, run.job);
      insert.setString(2, run.runId);
      insert.setTimestamp(3, run.fireTime == null ? null : Timestamp.from(run.fireTime));
      insert.setTimestamp(4, Timestamp.from(run.startedAt));
      insert.setString(5, RUNNING);
      insert.executeUpdate();
    }
  }

  public void ended(Run run, ReadCounts counts) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement update =
            c.prepareStatement(
                "UPDATE " + TABLE + " SET ended_at = ?, status = ?, exit_code = ?, rows_read = ?, rows_accepted = ?,"
                    + " dead_letters = ?, message = ? WHERE job = ? AND run_id = ?")) {
      update.setTimestamp(1, Timestamp.from(run.endedAt));
      update.setString(2, run.status);
      update.setInt(3, run.exitCode);
      update.setObject(4, counts == null ? null : counts.read);
      update.setObject(5, counts == null ? null : counts.accepted);
      update.setObject(6, counts == null ? null : counts.allDeadLetters());
      update.setString(7, run.message == null ? null : truncate(run.message, 2000));
      update.setString(8, run.job);
      update.setString(9, run.runId);
      update.executeUpdate();
    }
  }

  /** The latest launches, newest first. */
  public List<Run> latest(int limit) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement query =
            c.prepareStatement("SELECT * FROM " + TABLE + " ORDER BY started_at DESC, run_id DESC")) {
      query.setMaxRows(limit);
      List<Run> runs = new ArrayList<>();
      try (ResultSet r = query.executeQuery()) {
        while (r.next()) {
          Run run = new Run();
          run.job = r.getString("job");
          run.runId = r.getString("run_id");
          run.fireTime = instant(r.getTimestamp("fire_time"));
          run.startedAt = instant(r.getTimestamp("started_at"));
          run.endedAt = instant(r.getTimestamp("ended_at"));
          run.status = r.getString("status");
          run.exitCode = (Integer) r.getObject("exit_code");
          run.rowsRead = r.getObject("rows_read") == null ? null : r.getLong("rows_read");
          run.rowsAccepted = r.getObject("rows_accepted") == null ? null : r.getLong("rows_accepted");
          run.deadLetters = r.getObject("dead_letters") == null ? null : r.getLong("dead_letters");
          run.message = r.getString("message");
          runs.add(run);
        }
      }
      return runs;
    }
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  private static String truncate(String text, int length) {
    return text.length() <= length ? text : text.substring(0, length);
  }
}
