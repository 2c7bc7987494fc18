package dev.churn.models.train;

import dev.churn.models.evaluate.BinaryMetrics;
import java.io.Serializable;
import java.util.ArrayList;
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
   * A split that depends only on each id and the seed: the same customer lands on the same side on
   * every runner and in every segment, so the global model never trained on a segment's validation
   * rows and can be compared with the segment's own candidates on them.
   *
   * @return the training part and the validation part
   */
  public TrainingData[] splitValidation(double validationFraction, long seed) {
    List<Integer> train = new ArrayList<>();
    List<Integer> validation = new ArrayList<>();
    for (int p = 0; p < ids.length; p++) {
      (inValidation(ids[p], validationFraction, seed) ? validation : train).add(p);
    }
    return new TrainingData[] {select(train), select(validation)};
  }

  /** Whether a customer id falls into the validation part: a seeded hash below the fraction. */
  public static boolean inValidation(String id, double validationFraction, long seed) {
    long h = seed * 0x9E3779B97F4A7C15L;
    for (int i = 0; i < id.length(); i++) {
      h = (h ^ id.charAt(i)) * 0x100000001B3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    double u = (h >>> 11) * 0x1.0p-53;
    return u < validationFraction;
  }
}
