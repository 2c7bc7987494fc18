package dev.churn.models;

/** A trained churn classifier: maps model inputs to churn probabilities. */
public interface ChurnModel {
  /** Churn probabilities in [0, 1], one per row of {@code features}. */
  double[] predict(double[][] features);

  /** The model as bytes, readable by {@link ChurnModels#read}. */
  byte[] toBytes();
}
