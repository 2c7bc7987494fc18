package dev.churn.pipelines.serve;

import dev.churn.models.score.Score;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * The last {@code capacity} scores the endpoint answered, for its page when no score table is given:
 * kept in a ring that request threads write without a lock; a customer scored more than once counts
 * with its latest score.
 */
final class RecentScores implements Supplier<RiskSummary> {
  static final int CAPACITY = 10_000;

  private final AtomicReferenceArray<Score> ring;
  private final AtomicLong written = new AtomicLong();

  RecentScores(int capacity) {
    this.ring = new AtomicReferenceArray<>(capacity);
  }

  void add(List<Score> scores) {
    long first = written.getAndAdd(scores.size());
    for (int i = 0; i < scores.size(); i++) {
      ring.set((int) ((first + i) % ring.length()), scores.get(i));
    }
  }

  @Override
  public RiskSummary get() {
    long count = written.get();
    long oldest = Math.max(0, count - ring.length());
    Map<String, Score> latest = new LinkedHashMap<>();
    for (long i = oldest; i < count; i++) {
      Score score = ring.get((int) (i % ring.length()));
      if (score != null) {
        latest.put(score.customerId, score);
      }
    }
    RiskSummary summary =
        new RiskSummary("the " + latest.size() + " customers this endpoint scored last (at most " + ring.length() + "; give --jdbc-url to show a scoring run)");
    latest.values().forEach(summary::add);
    return summary;
  }
}
