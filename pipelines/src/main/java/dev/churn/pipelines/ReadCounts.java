package dev.churn.pipelines;

import dev.churn.transforms.InvalidInputException;
import dev.churn.transforms.customers.ReadCustomers;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/** How many customer records a finished pipeline read, accepted and dead-lettered. */
public final class ReadCounts {
  /** The counts of the last pipeline that finished on this thread, for a scheduler's run history. */
  private static final ThreadLocal<ReadCounts> LAST = new ThreadLocal<>();

  public final long read;
  public final long accepted;
  public final long deadLettered;
  /** Per event input read (telemetry, devices, interactions): records accepted and dead-lettered. */
  public final Map<String, long[]> events = new TreeMap<>();

  public ReadCounts(long read, long accepted, long deadLettered) {
    this.read = read;
    this.accepted = accepted;
    this.deadLettered = deadLettered;
  }

  public static ReadCounts of(PipelineResult result) {
    ReadCounts counts =
        new ReadCounts(
            counter(result, ReadCustomers.METRICS, ReadCustomers.READ),
            counter(result, ReadCustomers.METRICS, ReadCustomers.ACCEPTED),
            counter(result, ReadCustomers.METRICS, ReadCustomers.DEAD_LETTERED));
    for (String input : EVENT_INPUTS) {
      long accepted = counter(result, input, "accepted");
      long rejected = counter(result, input, "dead_lettered");
      if (accepted + rejected > 0) {
        counts.events.put(input, new long[] {accepted, rejected});
      }
    }
    LAST.set(counts);
    return counts;
  }

  private static final List<String> EVENT_INPUTS = List.of("telemetry", "devices", "interactions");

  /** Dead letters of customers and events together. */
  public long allDeadLetters() {
    return deadLettered + events.values().stream().mapToLong(c -> c[1]).sum();
  }

  /** Returns and forgets the counts of the last pipeline that finished on this thread (null if none). */
  public static ReadCounts takeLast() {
    ReadCounts last = LAST.get();
    LAST.remove();
    return last;
  }

  /** The attempted value of a counter of a finished pipeline, summed over steps (0 when never set). */
  public static long counter(PipelineResult result, String namespace, String name) {
    long total = 0;
    for (MetricResult<Long> counter :
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named(namespace, name))
                    .build())
            .getCounters()) {
      total += counter.getAttempted();
    }
    return total;
  }

  /** A run whose every record was rejected is a user error: nothing useful can be written. */
  public void requireAccepted(CustomerInput input) {
    if (read == 0) {
      throw new InvalidInputException("customers file " + input.pattern() + " has no records after its header");
    }
    if (accepted == 0) {
      throw new InvalidInputException(
          "customers file " + input.pattern() + ": all " + read + " records were rejected (wrong schema or file?)");
    }
  }

  public String summary() {
    StringBuilder summary =
        new StringBuilder(String.format(Locale.ROOT, "read %d records: %d accepted, %d dead-lettered", read, accepted, deadLettered));
    events.forEach(
        (input, c) -> summary.append(String.format(Locale.ROOT, "; %s: %d accepted, %d dead-lettered", input, c[0], c[1])));
    return summary.toString();
  }
}
