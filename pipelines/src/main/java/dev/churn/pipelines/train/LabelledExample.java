package dev.churn.pipelines.train;

/** One customer's model inputs and label. */
final class LabelledExample {
  final String customerId;
  final double[] features;
  final double label;

  LabelledExample(String customerId, double[] features, double label) {
    this.customerId = customerId;
    this.features = features;
    this.label = label;
  }
}
