package dev.churn.models.evaluate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.churn.transforms.schema.DatasetSchema;
import java.util.Map;
import java.util.TreeMap;

/**
 * Group fairness of decisions at a threshold, for one sensitive attribute: per group, the selection
 * rate (share predicted to churn), the true-positive rate (share of churners predicted) and the ROC
 * AUC, and the ratio of the lowest to the highest rate over the groups large enough to measure.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class Fairness {
  /** Rates of one group. */
  public static final class Group {
    @JsonProperty public long rows;
    @JsonProperty public long positives;
    @JsonProperty public long selected;
    @JsonProperty public double selectionRate;
    /** Null when the group has no churners. */
    @JsonProperty public Double truePositiveRate;
    /** ROC AUC within the group; null when it has only one class. */
    @JsonProperty public Double rocAuc;
  }

  @JsonProperty public String attribute;
  @JsonProperty public Map<String, Group> groups = new TreeMap<>();
  /** Lowest over highest selection rate; null when fewer than two groups have enough rows. */
  @JsonProperty public Double selectionRateRatio;
  /** Lowest over highest true-positive rate; null when fewer than two groups have enough churners. */
  @JsonProperty public Double truePositiveRateRatio;

  /**
   * @param values each customer's group (null counts as {@link DatasetSchema#MISSING_GROUP})
   * @param minRows a group needs this many rows to enter the selection-rate ratio
   * @param minPositives and this many churners to enter the true-positive-rate ratio
   */
  public static Fairness of(
      String attribute, String[] values, double[] labels, double[] probabilities, double threshold, int minRows, int minPositives) {
    Map<String, long[]> counts = new TreeMap<>();
    for (int i = 0; i < labels.length; i++) {
      count(counts, group(values[i]), probabilities[i] >= threshold, labels[i] > 0.5);
    }
    Fairness fairness = fromCounts(attribute, counts, minRows, minPositives);
    fairness.groups.forEach(
        (name, group) ->
            group.rocAuc = group.positives == 0 || group.positives == group.rows ? null : groupAuc(name, values, labels, probabilities));
    return fairness;
  }

  /**
   * Adds one customer to its group's counts: rows, churners (of the customers whose label is known),
   * selected, selected churners.
   *
   * @param churned null when the label is not known
   */
  public static void count(Map<String, long[]> counts, String group, boolean selected, Boolean churned) {
    long[] c = counts.computeIfAbsent(group, g -> new long[4]);
    boolean positive = Boolean.TRUE.equals(churned);
    c[0]++;
    c[1] += positive ? 1 : 0;
    c[2] += selected ? 1 : 0;
    c[3] += selected && positive ? 1 : 0;
  }

  /** Rates and ratios from the counts {@link #count} gathered per group (no per-group AUC). */
  public static Fairness fromCounts(String attribute, Map<String, long[]> counts, int minRows, int minPositives) {
    Fairness fairness = new Fairness();
    fairness.attribute = attribute;
    double[] selection = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    double[] tpr = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    int[] measured = new int[2];
    new TreeMap<>(counts).forEach(
        (name, c) -> {
          Group group = new Group();
          group.rows = c[0];
          group.positives = c[1];
          group.selected = c[2];
          group.selectionRate = (double) c[2] / c[0];
          group.truePositiveRate = c[1] == 0 ? null : (double) c[3] / c[1];
          fairness.groups.put(name, group);
          if (c[0] >= minRows) {
            extend(selection, group.selectionRate);
            measured[0]++;
          }
          if (c[1] >= Math.max(1, minPositives)) {
            extend(tpr, group.truePositiveRate);
            measured[1]++;
          }
        });
    fairness.selectionRateRatio = measured[0] >= 2 ? ratio(selection) : null;
    fairness.truePositiveRateRatio = measured[1] >= 2 ? ratio(tpr) : null;
    return fairness;
  }

  private static double groupAuc(String name, String[] values, double[] labels, double[] probabilities) {
    java.util.List<Integer> rows = new java.util.ArrayList<>();
    for (int i = 0; i < labels.length; i++) {
      if (name.equals(group(values[i]))) {
        rows.add(i);
      }
    }
    return BinaryMetrics.rocAuc(
        rows.stream().mapToDouble(i -> labels[i]).toArray(), rows.stream().mapToDouble(i -> probabilities[i]).toArray());
  }

  private static String group(String value) {
    return value == null ? DatasetSchema.MISSING_GROUP : value;
  }

  private static void extend(double[] range, double value) {
    range[0] = Math.min(range[0], value);
    range[1] = Math.max(range[1], value);
  }

  private static double ratio(double[] range) {
    return range[1] == 0 ? 1.0 : range[0] / range[1];
  }
}
