package dev.churn.models.evaluate;

import java.util.Arrays;
import java.util.Comparator;

/** Metrics of churn probabilities against 0/1 labels. NaN where a metric is undefined. */
public final class BinaryMetrics {
  private BinaryMetrics() {}

  /** Number of labels that are 1. */
  public static long positives(double[] labels) {
    long n = 0;
    for (double y : labels) {
      n += y > 0.5 ? 1 : 0;
    }
    return n;
  }

  /** Area under the ROC curve (the Mann-Whitney statistic; tied scores count one half). */
  public static double rocAuc(double[] labels, double[] scores) {
    Integer[] order = sortedByScore(scores);
    double positives = 0;
    double rankSum = 0;
    int i = 0;
    while (i < order.length) {
      int j = i;
      while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
        j++;
      }
      double averageRank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (labels[order[k]] > 0.5) {
          positives++;
          rankSum += averageRank;
        }
      }
      i = j + 1;
    }
    double negatives = labels.length - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
  }

  /** Area under the precision-recall curve, as average precision (tied scores enter together). */
  public static double prAuc(double[] labels, double[] scores) {
    Integer[] order = sortedByScore(scores);
    double totalPositives = positives(labels);
    if (totalPositives == 0) {
      return Double.NaN;
    }
    double truePositives = 0;
    double seen = 0;
    double area = 0;
    double previousRecall = 0;
    int i = order.length - 1;
    while (i >= 0) {
      int j = i;
      while (j - 1 >= 0 && scores[order[j - 1]] == scores[order[i]]) {
        j--;
      }
      for (int k = j; k <= i; k++) {
        seen++;
        truePositives += labels[order[k]] > 0.5 ? 1 : 0;
      }
      double recall = truePositives / totalPositives;
      area += (recall - previousRecall) * (truePositives / seen);
      previousRecall = recall;
      i = j - 1;
    }
    return area;
  }

  public static double logLoss(double[] labels, double[] probabilities) {
    if (labels.length == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (int i = 0; i < labels.length; i++) {
      double p = Math.min(Math.max(probabilities[i], 1e-15), 1 - 1e-15);
      sum -= labels[i] > 0.5 ? Math.log(p) : Math.log(1 - p);
    }
    return sum / labels.length;
  }

  /** Share of customers whose label equals (probability at or above the threshold). */
  public static double accuracy(double[] labels, double[] probabilities, double threshold) {
    if (labels.length == 0) {
      return Double.NaN;
    }
    long correct = 0;
    for (int i = 0; i < labels.length; i++) {
      correct += (probabilities[i] >= threshold) == (labels[i] > 0.5) ? 1 : 0;
    }
    return (double) correct / labels.length;
  }

  public static double f1(double[] labels, double[] probabilities, double threshold) {
    long tp = 0;
    long fp = 0;
    long fn = 0;
    for (int i = 0; i < labels.length; i++) {
      boolean predicted = probabilities[i] >= threshold;
      boolean actual = labels[i] > 0.5;
      tp += predicted && actual ? 1 : 0;
      fp += predicted && !actual ? 1 : 0;
      fn += !predicted && actual ? 1 : 0;
    }
    return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
  }

  /** The probability threshold (one of the predictions) with the highest F1; 0.5 when undefined. */
  public static double bestF1Threshold(double[] labels, double[] probabilities) {
    Integer[] order = sortedByScore(probabilities);
    double totalPositives = positives(labels);
    if (totalPositives == 0) {
      return 0.5;
    }
    double bestF1 = -1;
    double bestThreshold = 0.5;
    double truePositives = 0;
    double predicted = 0;
    for (int i = order.length - 1; i >= 0; i--) {
      predicted++;
      truePositives += labels[order[i]] > 0.5 ? 1 : 0;
      boolean lastOfTie = i == 0 || probabilities[order[i - 1]] != probabilities[order[i]];
      if (lastOfTie) {
        double f1 = 2 * truePositives / (predicted + totalPositives);
        if (f1 > bestF1) {
          bestF1 = f1;
          bestThreshold = probabilities[order[i]];
        }
      }
    }
    return bestThreshold;
  }

  private static Integer[] sortedByScore(double[] scores) {
    Integer[] order = new Integer[scores.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
    return order;
  }

  /**
   * Expected calibration error over {@code bins} equal-width probability bins: the row-weighted mean
   * gap between the mean prediction and the churn rate of each bin.
   */
  public static double expectedCalibrationError(double[] labels, double[] probabilities, int bins) {
    double[] sumP = new double[bins];
    double[] sumY = new double[bins];
    long[] count = new long[bins];
    for (int i = 0; i < labels.length; i++) {
      int bin = Math.min(bins - 1, (int) Math.floor(probabilities[i] * bins));
      sumP[bin] += probabilities[i];
      sumY[bin] += labels[i];
      count[bin]++;
    }
    double error = 0;
    for (int bin = 0; bin < bins; bin++) {
      if (count[bin] > 0) {
        error += Math.abs(sumP[bin] - sumY[bin]) / labels.length;
      }
    }
    return labels.length == 0 ? Double.NaN : error;
  }

  /**
   * Standard error of a ROC AUC measured on {@code positives} churners and {@code negatives} others
   * (Hanley and McNeil, 1982).
   */
  public static double aucStandardError(double auc, long positives, long negatives) {
    double q1 = auc / (2 - auc);
    double q2 = 2 * auc * auc / (1 + auc);
    double variance =
        (auc * (1 - auc) + (positives - 1) * (q1 - auc * auc) + (negatives - 1) * (q2 - auc * auc)) / ((double) positives * negatives);
    return Math.sqrt(Math.max(0, variance));
  }

  /** {@link #expectedCalibrationError} over 10 bins, the usual choice. */
  public static double expectedCalibrationError(double[] labels, double[] probabilities) {
    return expectedCalibrationError(labels, probabilities, 10);
  }
}
