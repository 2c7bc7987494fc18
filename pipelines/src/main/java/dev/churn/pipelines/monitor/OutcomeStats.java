package dev.churn.pipelines.monitor;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.churn.models.evaluate.Fairness;
import dev.churn.pipelines.rows.ScoreRows;
import dev.churn.transforms.monitor.Histogram;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.beam.sdk.values.Row;

/**
 * Everything monitoring counts over the scored customers of a run (rows of
 * {@link ScoreRows#LABELLED_SCHEMA}), overall and per segment; merges by adding, so a combiner builds
 * it across workers.
 */
public final class OutcomeStats implements Serializable {
  private static final long serialVersionUID = 1L;

  @JsonProperty public SegmentOutcomes overall = new SegmentOutcomes();
  @JsonProperty public Map<String, SegmentOutcomes> segments = new TreeMap<>();
  /** The churn probabilities, in the bins of the training predictions. */
  @JsonProperty public Histogram predictions;
  /** Per sensitive attribute, per group: the counts of {@link Fairness#count}. */
  @JsonProperty public Map<String, Map<String, long[]>> fairness = new TreeMap<>();
  @JsonProperty public Map<String, Long> runIds = new TreeMap<>();
  @JsonProperty public Map<String, Long> modelVersions = new TreeMap<>();

  static OutcomeStats empty(Histogram predictionBins) {
    OutcomeStats stats = new OutcomeStats();
    stats.predictions = predictionBins.emptyCopy();
    return stats;
  }

  void add(Row customer, double threshold) {
    double probability = customer.getDouble(ScoreRows.CHURN_PROBABILITY);
    String band = customer.getString(ScoreRows.RISK_BAND);
    Boolean churned = customer.getBoolean(ScoreRows.LABEL);
    List<String> reasons = reasonKeys(customer);
    overall.add(probability, band, reasons, churned, threshold);
    segments
        .computeIfAbsent(customer.getString(ScoreRows.SEGMENT), s -> new SegmentOutcomes())
        .add(probability, band, reasons, churned, threshold);
    predictions.add(probability);
    Map<String, String> groups = customer.getMap(ScoreRows.SENSITIVE);
    groups.forEach(
        (attribute, group) ->
            Fairness.count(fairness.computeIfAbsent(attribute, a -> new TreeMap<>()), group, probability >= threshold, churned));
    runIds.merge(customer.getString(ScoreRows.RUN_ID), 1L, Long::sum);
    modelVersions.merge(customer.getString(ScoreRows.MODEL_VERSION), 1L, Long::sum);
  }

  void merge(OutcomeStats other) {
    overall.merge(other.overall);
    other.segments.forEach((segment, outcomes) -> segments.computeIfAbsent(segment, s -> new SegmentOutcomes()).merge(outcomes));
    predictions.merge(other.predictions);
    other.fairness.forEach(
        (attribute, groups) ->
            groups.forEach(
                (group, counts) -> {
                  long[] mine = fairness.computeIfAbsent(attribute, a -> new TreeMap<>()).computeIfAbsent(group, g -> new long[4]);
                  for (int i = 0; i < mine.length; i++) {
                    mine[i] += counts[i];
                  }
                }));
    other.runIds.forEach((id, count) -> runIds.merge(id, count, Long::sum));
    other.modelVersions.forEach((version, count) -> modelVersions.merge(version, count, Long::sum));
  }

  private static List<String> reasonKeys(Row customer) {
    List<String> keys = new ArrayList<>();
    for (String field : List.of("reason_1", "reason_2", "reason_3")) {
      String reason = customer.getString(field);
      if (reason != null) {
        keys.add(ScoreRows.reasonKey(reason));
      }
    }
    return keys;
  }

  // the DirectRunner compares accumulators by equals to detect mutation
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof OutcomeStats)) {
      return false;
    }
    OutcomeStats other = (OutcomeStats) o;
    return overall.equals(other.overall)
        && segments.equals(other.segments)
        && Objects.equals(predictions, other.predictions)
        && fairness.keySet().equals(other.fairness.keySet())
        && fairness.entrySet().stream().allMatch(e -> sameCounts(e.getValue(), other.fairness.get(e.getKey())))
        && runIds.equals(other.runIds)
        && modelVersions.equals(other.modelVersions);
  }

  private static boolean sameCounts(Map<String, long[]> a, Map<String, long[]> b) {
    return a.keySet().equals(b.keySet()) && a.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), b.get(e.getKey())));
  }

  @Override
  public int hashCode() {
    return overall.hashCode();
  }
}
