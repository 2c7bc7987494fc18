package dev.churn.pipelines.train;

/** One customer's model inputs, label, and groups of the sensitive attributes (for fairness metrics). */
final class LabelledExample {
  final String customerId;
  final double[] features;
  final double label;
  final String[] groups;

  LabelledExample(String customerId, double[] features, double label, String[] groups) {
    this.customerId = customerId;
    this.features = features;
    this.label = label;
    this.groups = groups;
  }
}
