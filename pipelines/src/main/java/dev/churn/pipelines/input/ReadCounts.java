package dev.churn.pipelines.input;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.churn.transforms.InvalidInputException;
import dev.churn.transforms.customers.ReadCustomers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.DistributionResult;
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
  /** The most frequent kinds of problem among the customers' dead letters, most frequent first. */
  public final List<Reason> reasons = new ArrayList<>();

  /** A kind of problem ({@code DeadLetter#kind}), how many records had it, and the first line of one. */
  public static final class Reason {
    public final String kind;
    public final long count;
    @JsonProperty("first_line")
    public final long firstLine;

    Reason(String kind, long count, long firstLine) {
      this.kind = kind;
      this.count = count;
      this.firstLine = firstLine;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%d x %s (first at line %d)", count, kind, firstLine);
    }
  }

  static final int REASONS_SHOWN = 3;

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
    counts.reasons.addAll(reasons(result));
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

  /**
   * The counts of a running pipeline so far, for a progress line: {@code 12,000 customers read, 11,990
   * accepted, 10 dead-lettered; telemetry 1,200,000 accepted}.
   */
  public static String soFar(PipelineResult running) {
    try {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%,d customers read, %,d accepted, %,d dead-lettered",
          counter(running, ReadCustomers.METRICS, ReadCustomers.READ), counter(running, ReadCustomers.METRICS, ReadCustomers.ACCEPTED),
          counter(running, ReadCustomers.METRICS, ReadCustomers.DEAD_LETTERED)));
      for (String input : EVENT_INPUTS) {
        long accepted = counter(running, input, "accepted");
        if (accepted > 0) {
          line.append(String.format(Locale.ROOT, "; %s %,d accepted", input, accepted));
        }
      }
      return line.toString();
    } catch (RuntimeException e) {
      return "no counts from the runner yet";
    }
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

  private static List<Reason> reasons(PipelineResult result) {
    Map<String, Long> firstLines = new HashMap<>();
    for (MetricResult<DistributionResult> lines :
        result.metrics().queryMetrics(MetricsFilter.builder().addNameFilter(MetricNameFilter.inNamespace(ReadCustomers.REASON_LINES)).build()).getDistributions()) {
      firstLines.merge(lines.getName().getName(), lines.getAttempted().getMin(), Math::min);
    }
    Map<String, Long> counts = new HashMap<>();
    for (MetricResult<Long> counter :
        result.metrics().queryMetrics(MetricsFilter.builder().addNameFilter(MetricNameFilter.inNamespace(ReadCustomers.REASONS)).build()).getCounters()) {
      counts.merge(counter.getName().getName(), counter.getAttempted(), Long::sum);
    }
    List<Reason> reasons = new ArrayList<>();
    counts.forEach((kind, count) -> reasons.add(new Reason(kind, count, firstLines.getOrDefault(kind, 0L))));
    reasons.sort(Comparator.comparingLong((Reason r) -> -r.count).thenComparingLong(r -> r.firstLine));
    return reasons.subList(0, Math.min(REASONS_SHOWN, reasons.size()));
  }

  /** The most frequent reasons, for a message: {@code 60 x column tenure: '...' is not a number (first at line 2); ...}. */
  public String reasonSummary() {
    return reasons.stream().map(Reason::toString).collect(Collectors.joining("; "));
  }

  /** A run whose every record was rejected is a user error: nothing useful can be written. */
  public void requireAccepted(CustomerInput input) {
    if (read == 0) {
      throw new InvalidInputException("customers file " + input.pattern() + " has no records after its header");
    }
    if (accepted == 0) {
      throw new InvalidInputException(
          "customers file " + input.pattern() + ": all " + read + " records were rejected: " + reasonSummary());
    }
  }

  public String summary() {
    StringBuilder summary =
        new StringBuilder(String.format(Locale.ROOT, "read %d records: %d accepted, %d dead-lettered", read, accepted, deadLettered));
    if (!reasons.isEmpty()) {
      summary.append(" (most often: ").append(reasonSummary()).append(")");
    }
    events.forEach(
        (input, c) -> summary.append(String.format(Locale.ROOT, "; %s: %d accepted, %d dead-lettered", input, c[0], c[1])));
    return summary.toString();
  }
}
