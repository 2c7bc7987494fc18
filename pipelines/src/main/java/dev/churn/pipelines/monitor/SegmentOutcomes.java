package dev.churn.pipelines.monitor;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one segment's (or all) scored customers came to, as counts that merge by adding: risk bands,
 * the most frequent reasons, and, for the customers whose label is known, score histograms per class
 * (for ROC AUC, to within {@code 1 / }{@value #SCORE_BINS}), calibration bins and the confusion counts
 * at the decision threshold.
 */
public final class SegmentOutcomes implements Serializable {
  private static final long serialVersionUID = 1L;
  static final int SCORE_BINS = 1000;
  static final int CALIBRATION_BINS = 10;
  static final String[] BANDS = {"low", "medium", "high"};

  @JsonProperty public long rows;
  @JsonProperty public double sumProbability;
  @JsonProperty public Map<String, Long> bands = new TreeMap<>();
  @JsonProperty public Map<String, Long> reasons = new TreeMap<>();
  @JsonProperty public long labelled;
  @JsonProperty public long positives;
  @JsonProperty public long[] positiveScores = new long[SCORE_BINS];
  @JsonProperty public long[] negativeScores = new long[SCORE_BINS];
  @JsonProperty public double[] calibrationProbability = new double[CALIBRATION_BINS];
  @JsonProperty public long[] calibrationPositives = new long[CALIBRATION_BINS];
  @JsonProperty public long[] calibrationRows = new long[CALIBRATION_BINS];
  /** True positives, false positives, true negatives, false negatives at the decision threshold. */
  @JsonProperty public long[] confusion = new long[4];

  /** @param churned null when the label is not known */
  void add(double probability, String band, Iterable<String> reasonKeys, Boolean churned, double threshold) {
    rows++;
    sumProbability += probability;
    bands.merge(band, 1L, Long::sum);
    reasonKeys.forEach(reason -> reasons.merge(reason, 1L, Long::sum));
    if (churned == null) {
      return;
    }
    labelled++;
    positives += churned ? 1 : 0;
    (churned ? positiveScores : negativeScores)[bin(probability, SCORE_BINS)]++;
    int calibration = bin(probability, CALIBRATION_BINS);
    calibrationProbability[calibration] += probability;
    calibrationPositives[calibration] += churned ? 1 : 0;
    calibrationRows[calibration]++;
    boolean selected = probability >= threshold;
    confusion[selected ? (churned ? 0 : 1) : (churned ? 3 : 2)]++;
  }

  void merge(SegmentOutcomes other) {
    rows += other.rows;
    sumProbability += other.sumProbability;
    other.bands.forEach((band, count) -> bands.merge(band, count, Long::sum));
    other.reasons.forEach((reason, count) -> reasons.merge(reason, count, Long::sum));
    labelled += other.labelled;
    positives += other.positives;
    for (int i = 0; i < SCORE_BINS; i++) {
      positiveScores[i] += other.positiveScores[i];
      negativeScores[i] += other.negativeScores[i];
    }
    for (int i = 0; i < CALIBRATION_BINS; i++) {
      calibrationProbability[i] += other.calibrationProbability[i];
      calibrationPositives[i] += other.calibrationPositives[i];
      calibrationRows[i] += other.calibrationRows[i];
    }
    for (int i = 0; i < confusion.length; i++) {
      confusion[i] += other.confusion[i];
    }
  }

  private static int bin(double probability, int bins) {
    return Math.min(bins - 1, Math.max(0, (int) Math.floor(probability * bins)));
  }

  public double meanProbability() {
    return rows == 0 ? Double.NaN : sumProbability / rows;
  }

  /** Share of labelled customers who churned. */
  public double churnRate() {
    return labelled == 0 ? Double.NaN : (double) positives / labelled;
  }

  /**
   * ROC AUC from the score histograms: the chance that a churner scores above a stayer, ties within a
   * bin counted half; NaN without both classes.
   */
  public double rocAuc() {
    long negatives = labelled - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    double pairs = 0;
    long negativesBelow = 0;
    for (int i = 0; i < SCORE_BINS; i++) {
      pairs += positiveScores[i] * (negativesBelow + 0.5 * negativeScores[i]);
      negativesBelow += negativeScores[i];
    }
    return pairs / ((double) positives * negatives);
  }

  /**
   * The ROC curve from the highest score bin down, as (false-positive rate, true-positive rate) points
   * from (0, 0) to (1, 1).
   */
  public double[][] rocCurve() {
    long negatives = labelled - positives;
    double[][] curve = new double[SCORE_BINS + 1][];
    curve[0] = new double[] {0, 0};
    long tp = 0;
    long fp = 0;
    for (int i = SCORE_BINS - 1, point = 1; i >= 0; i--, point++) {
      tp += positiveScores[i];
      fp += negativeScores[i];
      curve[point] = new double[] {negatives == 0 ? 0 : (double) fp / negatives, positives == 0 ? 0 : (double) tp / positives};
    }
    return curve;
  }

  /** Expected calibration error over {@value #CALIBRATION_BINS} equal-width bins, as in evaluation. */
  public double calibrationError() {
    if (labelled == 0) {
      return Double.NaN;
    }
    double error = 0;
    for (int i = 0; i < CALIBRATION_BINS; i++) {
      error += Math.abs(calibrationProbability[i] - calibrationPositives[i]) / labelled;
    }
    return error;
  }

  /**
   * P-value of the Hosmer-Lemeshow test that the probabilities are calibrated, over the non-empty
   * calibration bins; 1 with fewer than three.
   */
  public double calibrationPValue() {
    double statistic = 0;
    int bins = 0;
    for (int i = 0; i < CALIBRATION_BINS; i++) {
      long n = calibrationRows[i];
      double expected = calibrationProbability[i];
      if (n == 0 || expected <= 0 || expected >= n) {
        continue;
      }
      double difference = calibrationPositives[i] - expected;
      statistic += difference * difference / (expected * (1 - expected / n));
      bins++;
    }
    return bins < 3 ? 1 : 1 - new ChiSquaredDistribution(null, bins - 2).cumulativeProbability(statistic);
  }

  /** Share of labelled customers decided right at the threshold. */
  public double accuracy() {
    return labelled == 0 ? Double.NaN : (double) (confusion[0] + confusion[2]) / labelled;
  }

  // the DirectRunner compares accumulators by equals to detect mutation
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SegmentOutcomes)) {
      return false;
    }
    SegmentOutcomes other = (SegmentOutcomes) o;
    return rows == other.rows
        && Double.compare(sumProbability, other.sumProbability) == 0
        && bands.equals(other.bands)
        && reasons.equals(other.reasons)
        && labelled == other.labelled
        && positives == other.positives
        && Arrays.equals(positiveScores, other.positiveScores)
        && Arrays.equals(negativeScores, other.negativeScores)
        && Arrays.equals(calibrationProbability, other.calibrationProbability)
        && Arrays.equals(calibrationPositives, other.calibrationPositives)
        && Arrays.equals(calibrationRows, other.calibrationRows)
        && Arrays.equals(confusion, other.confusion);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(rows) * 31 + Long.hashCode(labelled);
  }
}
