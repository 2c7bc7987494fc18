package dev.churn.models;

/** A trained churn classifier: maps model inputs to churn probabilities. */
public interface ChurnModel {
  /** Churn probabilities in [0, 1], one per row of {@code features}. */
  double[] predict(double[][] features);

  /**
   * The same model for many threads at once: itself when its predictions are thread-safe, otherwise one
   * that computes the same predictions (a DL4J network's weights in a plain Java forward pass).
   */
  ChurnModel forConcurrentUse();

  /** The model as bytes, readable by {@link ChurnModels#read}. */
  byte[] toBytes();
}
