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

  /**
   * For a model whose calibrated churn log-odds are linear in its inputs (a logistic regression), the
   * coefficient of each input on that scale: a customer's log-odds change by {@code coefficient * change}
   * when one input changes. Null for any other model.
   */
  default double[] logitCoefficients() {
    return null;
  }

  /** The model as bytes, readable by {@link ChurnModels#read}. */
  byte[] toBytes();
}
