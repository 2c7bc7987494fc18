package dev.churn.pipelines.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.churn.models.registry.VersionMetadata;
import dev.churn.pipelines.sink.MonitorTable;
import dev.churn.transforms.io.CsvLine;
import dev.churn.transforms.monitor.FeatureProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The outcome of monitoring one scoring run: its checks and statuses, and what they were computed from. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class MonitorRun {
  public static final String CHECKS_FILE = "monitor-checks.csv";
  public static final String REASONS_FILE = "monitor-reasons.csv";
  public static final String SUMMARY_FILE = "monitor.json";
  public static final String REPORT_FILE = "report.html";
  /** Reasons per segment kept in the reasons rows and the report. */
  public static final int TOP_REASONS = 10;

  @JsonProperty public String runId;
  @JsonProperty public String monitoredAt;
  @JsonProperty public String modelVersion;
  @JsonProperty public boolean labelled;
  @JsonProperty public Status status;
  @JsonProperty public String advice;
  @JsonProperty public MonitorChecks.RunCounts counts;
  @JsonProperty public List<Check> checks;
  @JsonProperty public OutcomeStats outcomes;
  @JsonProperty public FeatureProfile features;
  @JsonProperty public List<Map<String, Object>> highestRisk;
  /** The training side: the version's metadata, for the report. */
  public transient VersionMetadata training;
  /** The limits the checks were decided with. */
  public transient MonitorThresholds thresholds;

  /** The checks that are not OK. */
  public List<Check> flagged() {
    return checks.stream().filter(Check::flagged).collect(Collectors.toList());
  }

  /** What to do about the status, in one sentence. */
  static String advice(Status status, List<Check> checks) {
    String which =
        checks.stream().filter(Check::flagged).map(c -> c.check + " " + c.subject).collect(Collectors.joining(", "));
    switch (status) {
      case RETRAIN:
        return "Retrain: " + which + ". Train a challenger on recent labelled customers (churn train), then pass it through"
            + " the promotion gate (churn models promote), or run monitor with --auto-retrain.";
      case WARN:
        return "Look into " + which + ": the data or the model moved, not yet enough to retrain.";
      default:
        return "Nothing to do: the run looks like the data the model was trained on.";
    }
  }

  /**
   * One row per measured value, long format for BI tools; the columns of {@link MonitorTable#COLUMNS}.
   */
  public List<MonitorTable.Row> rows() {
    List<MonitorTable.Row> rows = new ArrayList<>();
    for (Check check : checks) {
      check.values.forEach(
          (metric, value) -> {
            MonitorTable.Row row = new MonitorTable.Row();
            row.runId = runId;
            row.monitoredAt = Instant.parse(monitoredAt);
            row.modelVersion = modelVersion;
            row.check = check.check;
            row.subject = check.subject;
            row.metric = metric;
            row.value = value;
            row.trainingValue = check.training.get(metric);
            row.status = check.status.name();
            row.finding = check.finding;
            rows.add(row);
          });
    }
    return rows;
  }

  /** {@link #rows()} as CSV lines, after a header. */
  public List<String> checkLines() {
    List<String> lines = new ArrayList<>();
    lines.add(String.join(",", MonitorTable.COLUMNS));
    for (MonitorTable.Row row : rows()) {
      lines.add(CsvLine.join(Arrays.asList(row.runId, monitoredAt, row.modelVersion, row.check, row.subject, row.metric,
          row.value, nullable(row.trainingValue), row.status, nullable(row.finding))));
    }
    return lines;
  }

  /** The most frequent reasons overall ({@code segment} "all") and per segment: {@code customers} and their share. */
  public List<String> reasonLines() {
    List<String> lines = new ArrayList<>();
    lines.add("run_id,monitored_at,segment,reason,customers,share");
    topReasons().forEach(
        (segment, reasons) ->
            reasons.forEach(
                (reason, count) -> {
                  long rows = "all".equals(segment) ? outcomes.overall.rows : outcomes.segments.get(segment).rows;
                  lines.add(CsvLine.join(Arrays.asList(runId, monitoredAt, segment, reason, count, (double) count / rows)));
                }));
    return lines;
  }

  /** Per segment ("all" first), its {@value #TOP_REASONS} most frequent reasons, most frequent first. */
  public Map<String, Map<String, Long>> topReasons() {
    Map<String, Map<String, Long>> top = new LinkedHashMap<>();
    top.put("all", top(outcomes.overall.reasons));
    outcomes.segments.forEach((segment, o) -> top.put(segment, top(o.reasons)));
    return top;
  }

  private static Map<String, Long> top(Map<String, Long> counts) {
    Map<String, Long> top = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
        .limit(TOP_REASONS)
        .forEach(e -> top.put(e.getKey(), e.getValue()));
    return top;
  }

  private static Object nullable(Object value) {
    return value == null ? "" : value;
  }
}
