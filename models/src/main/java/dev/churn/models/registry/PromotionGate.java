package dev.churn.models.registry;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.churn.models.evaluate.BinaryMetrics;
import dev.churn.models.evaluate.Fairness;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides whether a challenger may become a segment's champion, on labelled rows that both were scored
 * on: its ROC AUC must not be lower than the champion's by more than {@link #aucTolerance}, and for
 * every sensitive attribute its selection-rate and true-positive-rate ratios between groups (at its
 * decision threshold) must reach the configured minimums. Groups too small to measure are left out of
 * the ratios, and an attribute with fewer than two measurable groups passes with a note.
 */
public final class PromotionGate {
  public static final double DEFAULT_AUC_TOLERANCE = 0.005;
  public static final double DEFAULT_MIN_SELECTION_RATE_RATIO = 0.4;
  public static final double DEFAULT_MIN_TRUE_POSITIVE_RATE_RATIO = 0.8;

  @JsonProperty public double aucTolerance = DEFAULT_AUC_TOLERANCE;
  @JsonProperty public double minSelectionRateRatio = DEFAULT_MIN_SELECTION_RATE_RATIO;
  @JsonProperty public double minTruePositiveRateRatio = DEFAULT_MIN_TRUE_POSITIVE_RATE_RATIO;
  @JsonProperty public int minGroupRows = 50;
  @JsonProperty public int minGroupPositives = 20;

  /** The challenger's and champion's predictions for the labelled rows of one segment. */
  public static final class Evidence {
    public String segment;
    public String challenger;
    /** Null when the segment has no champion yet. */
    public String champion;
    public double[] labels;
    public double[] challengerPredictions;
    /** Null when there is no champion. */
    public double[] championPredictions;
    /** Per sensitive attribute, each row's group. */
    public Map<String, String[]> groups;
    /** The challenger's decision threshold, at which fairness is measured. */
    public double threshold;
  }

  public Decision decide(Evidence evidence) {
    Decision decision = new Decision();
    decision.segment = evidence.segment;
    decision.version = evidence.challenger;
    decision.champion = evidence.champion;
    decision.rows = (long) evidence.labels.length;
    decision.aucTolerance = aucTolerance;
    List<String> problems = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    long positives = BinaryMetrics.positives(evidence.labels);
    if (positives == 0 || positives == evidence.labels.length) {
      problems.add("the labelled rows of this segment are all of one class: AUC cannot be measured");
    } else {
      decision.challengerAuc = BinaryMetrics.rocAuc(evidence.labels, evidence.challengerPredictions);
      if (evidence.championPredictions != null) {
        decision.championAuc = BinaryMetrics.rocAuc(evidence.labels, evidence.championPredictions);
        if (decision.challengerAuc < decision.championAuc - aucTolerance) {
          problems.add(
              String.format(
                  Locale.ROOT,
                  "AUC %.4f is below the champion's %.4f by more than %.3f",
                  decision.challengerAuc, decision.championAuc, aucTolerance));
        }
      }
    }
    for (Map.Entry<String, String[]> attribute : evidence.groups.entrySet()) {
      Fairness fairness =
          Fairness.of(
              attribute.getKey(),
              attribute.getValue(),
              evidence.labels,
              evidence.challengerPredictions,
              evidence.threshold,
              minGroupRows,
              minGroupPositives);
      decision.fairness.add(fairness);
      check(fairness.attribute, "selection-rate", fairness.selectionRateRatio, minSelectionRateRatio, problems, notes);
      check(fairness.attribute, "true-positive-rate", fairness.truePositiveRateRatio, minTruePositiveRateRatio, problems, notes);
    }
    decision.action = problems.isEmpty() ? Decision.PROMOTE : Decision.REFUSE;
    if (!problems.isEmpty()) {
      decision.reason = String.join("; ", problems);
    } else {
      String base =
          evidence.champion == null
              ? "no champion yet"
              : String.format(
                  Locale.ROOT, "AUC %.4f against the champion's %.4f", decision.challengerAuc, decision.championAuc);
      decision.reason = notes.isEmpty() ? base : base + "; groups too small to compare: " + String.join(", ", notes);
    }
    return decision;
  }

  private static void check(
      String attribute, String rate, Double ratio, double minimum, List<String> problems, List<String> notes) {
    if (ratio == null) {
      notes.add(attribute + " " + rate);
    } else if (ratio < minimum) {
      problems.add(String.format(Locale.ROOT, "%s %s ratio %.3f is below %.2f", attribute, rate, ratio, minimum));
    }
  }
}
