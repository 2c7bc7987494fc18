package dev.churn.pipelines.serve;

import dev.churn.pipelines.sink.ScoreTable;
import dev.churn.pipelines.sink.SqlErrors;
import dev.churn.pipelines.sink.StoredRuns;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The latest scoring run in a score table, for the endpoint's page: read again when the summary is
 * older than {@code maxAge}, by one request while the others wait for it.
 */
final class TableScores implements Supplier<RiskSummary> {
  static final Duration MAX_AGE = Duration.ofSeconds(30);

  private final ScoreTable table;
  private final long maxAgeNanos;
  private RiskSummary summary;
  private long readAt;

  TableScores(ScoreTable table, Duration maxAge) {
    this.table = table;
    this.maxAgeNanos = maxAge.toNanos();
  }

  @Override
  public synchronized RiskSummary get() {
    if (summary == null || System.nanoTime() - readAt > maxAgeNanos) {
      summary = read();
      readAt = System.nanoTime();
    }
    return summary;
  }

  private RiskSummary read() {
    try {
      String runId = StoredRuns.latest(table);
      if (runId == null) {
        return new RiskSummary("no scoring run in table " + table.describe() + " yet");
      }
      RiskSummary summary = new RiskSummary("run " + runId + " in table " + table.describe());
      StoredRuns.read(table, runId, summary::add);
      return summary;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read table " + table.describe() + ": " + SqlErrors.describe(e), e);
    }
  }
}
