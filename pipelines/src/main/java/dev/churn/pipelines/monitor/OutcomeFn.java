package dev.churn.pipelines.monitor;

import dev.churn.transforms.monitor.Histogram;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.values.Row;

/** Combines scored customers into {@link OutcomeStats}, merging across workers. */
final class OutcomeFn extends Combine.CombineFn<Row, OutcomeStats, OutcomeStats> {
  private final Histogram predictionBins;
  private final double threshold;

  /**
   * @param predictionBins the bins of the training predictions
   * @param threshold the decision threshold of the model version
   */
  OutcomeFn(Histogram predictionBins, double threshold) {
    this.predictionBins = predictionBins;
    this.threshold = threshold;
  }

  @Override
  public OutcomeStats createAccumulator() {
    return OutcomeStats.empty(predictionBins);
  }

  @Override
  public OutcomeStats addInput(OutcomeStats stats, Row customer) {
    stats.add(customer, threshold);
    return stats;
  }

  @Override
  public OutcomeStats mergeAccumulators(Iterable<OutcomeStats> parts) {
    OutcomeStats merged = createAccumulator();
    parts.forEach(merged::merge);
    return merged;
  }

  @Override
  public OutcomeStats extractOutput(OutcomeStats stats) {
    return stats;
  }

  @Override
  public Coder<OutcomeStats> getAccumulatorCoder(CoderRegistry registry, Coder<Row> inputCoder) {
    return SerializableCoder.of(OutcomeStats.class);
  }
}
