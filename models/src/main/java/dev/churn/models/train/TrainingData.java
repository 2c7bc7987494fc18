package dev.churn.models.train;

import dev.churn.models.evaluate.BinaryMetrics;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Model inputs and 0/1 labels of customers, in a fixed order (by customer id). */
public final class TrainingData implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String[] ids;
  private final double[][] features;
  private final double[] labels;

  public TrainingData(String[] ids, double[][] features, double[] labels) {
    this.ids = ids;
    this.features = features;
    this.labels = labels;
  }

  public int size() {
    return ids.length;
  }

  public String[] ids() {
    return ids;
  }

  public double[][] features() {
    return features;
  }

  public double[] labels() {
    return labels;
  }

  public long positives() {
    return BinaryMetrics.positives(labels);
  }

  /** The rows at the given positions, in that order. */
  public TrainingData select(List<Integer> positions) {
    String[] i = new String[positions.size()];
    double[][] x = new double[positions.size()][];
    double[] y = new double[positions.size()];
    for (int k = 0; k < positions.size(); k++) {
      int p = positions.get(k);
      i[k] = ids[p];
      x[k] = features[p];
      y[k] = labels[p];
    }
    return new TrainingData(i, x, y);
  }

  /**
   * Stratified fold numbers in {@code [0, k)}: within each class, rows are ordered by a seeded hash of
   * their id and dealt to the folds in turn, so every fold has the same share of churned customers
   * (to one row), and the folds depend only on the ids, labels and seed, not on the order of the rows.
   */
  public int[] stratifiedFolds(int k, long seed) {
    int[] folds = new int[ids.length];
    int dealt = 0; // continues across the classes, so fold sizes differ by one row at most
    for (double label : new double[] {0, 1}) {
      List<Integer> rows = new ArrayList<>();
      for (int p = 0; p < ids.length; p++) {
        if (labels[p] == label) {
          rows.add(p);
        }
      }
      rows.sort(Comparator.comparingDouble((Integer p) -> unitHash(ids[p], seed)).thenComparing(p -> ids[p]));
      for (int row : rows) {
        folds[row] = dealt++ % k;
      }
    }
    return folds;
  }

  /** The rows in fold {@code fold} ({@code inFold}) or in every other fold. */
  public TrainingData fold(int[] folds, int fold, boolean inFold) {
    return select(positionsOf(folds, fold, inFold));
  }

  static List<Integer> positionsOf(int[] folds, int fold, boolean inFold) {
    List<Integer> positions = new ArrayList<>();
    for (int p = 0; p < folds.length; p++) {
      if ((folds[p] == fold) == inFold) {
        positions.add(p);
      }
    }
    return positions;
  }

  /** A random order of {@code 0 .. n-1} (Fisher-Yates). */
  static int[] permutation(int n, java.util.Random random) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  /** A seeded hash of an id, uniform in [0, 1). */
  public static double unitHash(String id, long seed) {
    long h = seed * 0x9E3779B97F4A7C15L;
    for (int i = 0; i < id.length(); i++) {
      h = (h ^ id.charAt(i)) * 0x100000001B3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return (h >>> 11) * 0x1.0p-53;
  }
}
