package dev.churn.pipelines.serve;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * What {@code GET /metrics} reports, in Prometheus' text format: requests by path and status, the
 * latency of scoring requests as a histogram, customers scored, and the served versions with their
 * swaps and failed refreshes. Counting is lock-free; the paths are the endpoint's own (others count as
 * {@code other}), so the series stay few.
 */
final class ServerMetrics {
  /** Upper bounds of the latency buckets, in seconds. */
  private static final double[] BOUNDS = {0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10};

  private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
  private final LongAdder[] latencyBuckets = new LongAdder[BOUNDS.length + 1];
  private final DoubleAdder latencySum = new DoubleAdder();
  private final LongAdder customers = new LongAdder();

  ServerMetrics() {
    for (int i = 0; i < latencyBuckets.length; i++) {
      latencyBuckets[i] = new LongAdder();
    }
  }

  void request(String path, int status, long nanos) {
    requests.computeIfAbsent(path + "\t" + status, k -> new LongAdder()).increment();
    if (path.equals(ScoringServer.SCORE)) {
      double seconds = nanos / 1e9;
      int bucket = 0;
      while (bucket < BOUNDS.length && seconds > BOUNDS[bucket]) {
        bucket++;
      }
      latencyBuckets[bucket].increment();
      latencySum.add(seconds);
    }
  }

  void scored(int count) {
    customers.add(count);
  }

  String prometheus(ServedModels models) {
    StringBuilder text = new StringBuilder();
    text.append("# HELP churn_http_requests_total HTTP requests by path and status.\n");
    text.append("# TYPE churn_http_requests_total counter\n");
    new TreeMap<>(requests).forEach(
        (key, count) -> {
          String[] pathAndStatus = key.split("\t");
          text.append("churn_http_requests_total{path=\"").append(pathAndStatus[0]).append("\",status=\"")
              .append(pathAndStatus[1]).append("\"} ").append(count.sum()).append('\n');
        });
    text.append("# HELP churn_score_request_duration_seconds Time to answer POST ").append(ScoringServer.SCORE).append(".\n");
    text.append("# TYPE churn_score_request_duration_seconds histogram\n");
    long cumulative = 0;
    for (int i = 0; i < latencyBuckets.length; i++) {
      cumulative += latencyBuckets[i].sum();
      String bound = i < BOUNDS.length ? String.format(Locale.ROOT, "%s", BOUNDS[i]) : "+Inf";
      text.append("churn_score_request_duration_seconds_bucket{le=\"").append(bound).append("\"} ").append(cumulative).append('\n');
    }
    text.append(String.format(Locale.ROOT, "churn_score_request_duration_seconds_sum %.6f%n", latencySum.sum()));
    text.append("churn_score_request_duration_seconds_count ").append(cumulative).append('\n');
    text.append("# HELP churn_customers_scored_total Customers scored.\n# TYPE churn_customers_scored_total counter\n");
    text.append("churn_customers_scored_total ").append(customers.sum()).append('\n');
    text.append("# HELP churn_model_swaps_total Times new champions replaced the served versions.\n# TYPE churn_model_swaps_total counter\n");
    text.append("churn_model_swaps_total ").append(models.swaps()).append('\n');
    text.append("# HELP churn_model_refresh_failures_total Champion refreshes that failed (the served versions stayed).\n");
    text.append("# TYPE churn_model_refresh_failures_total counter\n");
    text.append("churn_model_refresh_failures_total ").append(models.failedRefreshes()).append('\n');
    text.append("# HELP churn_model_served Versions served, by version (1 for each).\n# TYPE churn_model_served gauge\n");
    models.current().versions().keySet().forEach(v -> text.append("churn_model_served{version=\"").append(v).append("\"} 1\n"));
    return text.toString();
  }
}
