package dev.churn.pipelines.sink;

import dev.churn.models.score.Score;
import dev.churn.pipelines.rows.ScoreRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The scoring runs a score table holds, read back: which run was scored last, and a run's scores. */
public final class StoredRuns {
  private static final int FETCH_SIZE = 1_000;
  private static final List<String> COLUMNS =
      List.of(ScoreRows.CUSTOMER_ID, ScoreRows.SEGMENT, ScoreRows.CHURN_PROBABILITY, ScoreRows.RISK_BAND, ScoreRows.MODEL_VERSION,
          "reason_1", "reason_2", "reason_3");

  private StoredRuns() {}

  /** The id of the run whose rows were scored last, or null when the table is empty or does not exist yet. */
  public static String latest(ScoreTable table) throws SQLException {
    try (Connection connection = table.connect()) {
      if (!ScoreTable.exists(connection, table.table())) {
        return null;
      }
      try (Statement latest = connection.createStatement()) {
        latest.setMaxRows(1);
        String query = "SELECT " + ScoreRows.RUN_ID + " FROM " + table.table() + " ORDER BY " + ScoreRows.SCORED_AT + " DESC, " + ScoreRows.RUN_ID + " DESC";
        try (ResultSet row = latest.executeQuery(query)) {
          return row.next() ? row.getString(1) : null;
        }
      }
    }
  }

  /** Gives each score of run {@code runId} to {@code each}, in no particular order. */
  public static void read(ScoreTable table, String runId, Consumer<Score> each) throws SQLException {
    try (Connection connection = table.connect();
        PreparedStatement scores = connection.prepareStatement("SELECT " + String.join(", ", COLUMNS) + " FROM " + table.table() + " WHERE " + ScoreRows.RUN_ID + " = ?")) {
      scores.setFetchSize(FETCH_SIZE);
      scores.setString(1, runId);
      try (ResultSet row = scores.executeQuery()) {
        while (row.next()) {
          List<String> reasons = new ArrayList<>(Score.MAX_REASONS);
          for (int column = 6; column <= 8; column++) {
            if (row.getString(column) != null) {
              reasons.add(row.getString(column));
            }
          }
          each.accept(new Score(row.getString(1), row.getString(2), row.getDouble(3), row.getString(4), row.getString(5), reasons));
        }
      }
    }
  }
}
