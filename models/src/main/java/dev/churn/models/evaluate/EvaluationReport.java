package dev.churn.models.evaluate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The metrics {@code churn evaluate} prints: overall, at the chosen threshold, and per segment. */
public final class EvaluationReport {
  private EvaluationReport() {}

  /**
   * @param segments the segment of each customer
   * @param labels 0/1 labels
   * @param probabilities predicted churn probabilities
   * @param threshold the decision threshold accuracy, F1 and fairness are measured at
   * @param groups per sensitive attribute, each customer's group
   * @param minGroupRows groups smaller than this stay out of the fairness ratios (see {@link Fairness})
   */
  public static Map<String, Object> of(
      String[] segments,
      double[] labels,
      double[] probabilities,
      double threshold,
      Map<String, String[]> groups,
      int minGroupRows,
      int minGroupPositives) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("rows", labels.length);
    report.put("positives", BinaryMetrics.positives(labels));
    report.put("roc_auc", BinaryMetrics.rocAuc(labels, probabilities));
    report.put("pr_auc", BinaryMetrics.prAuc(labels, probabilities));
    report.put("log_loss", BinaryMetrics.logLoss(labels, probabilities));
    report.put("expected_calibration_error", BinaryMetrics.expectedCalibrationError(labels, probabilities));
    report.put("threshold", threshold);
    report.put("accuracy", BinaryMetrics.accuracy(labels, probabilities, threshold));
    report.put("f1", BinaryMetrics.f1(labels, probabilities, threshold));
    Map<String, List<Integer>> bySegment = new TreeMap<>();
    for (int i = 0; i < segments.length; i++) {
      bySegment.computeIfAbsent(segments[i], s -> new ArrayList<>()).add(i);
    }
    Map<String, Object> perSegment = new LinkedHashMap<>();
    bySegment.forEach(
        (segment, rows) -> {
          double[] y = rows.stream().mapToDouble(i -> labels[i]).toArray();
          double[] p = rows.stream().mapToDouble(i -> probabilities[i]).toArray();
          Map<String, Object> metrics = new LinkedHashMap<>();
          metrics.put("rows", y.length);
          metrics.put("positives", BinaryMetrics.positives(y));
          metrics.put("roc_auc", BinaryMetrics.rocAuc(y, p));
          perSegment.put(segment, metrics);
        });
    report.put("segments", perSegment);
    List<Fairness> fairness = new ArrayList<>();
    groups.forEach(
        (attribute, values) ->
            fairness.add(Fairness.of(attribute, values, labels, probabilities, threshold, minGroupRows, minGroupPositives)));
    report.put("fairness", fairness);
    return report;
  }

}
