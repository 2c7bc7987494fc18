package dev.churn.pipelines.monitor;

import dev.churn.pipelines.score.ScoreRows;
import dev.churn.transforms.customers.KeepFirstPerCustomerFn;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Joins a customer's score row with its sensitive groups (from the customers file) and its label (when
 * labels were given) into a row of {@link ScoreRows#LABELLED_SCHEMA}. What does not match is counted:
 * customers without a score, scores without a customer, labels without a score, and customers scored
 * more than once (the latest score is kept).
 *
 * <p>The inputs are grouped by a shard of the customer id ({@link KeepFirstPerCustomerFn#shardOf}) and
 * joined by id inside each shard: a few dozen groups instead of one per customer, which the
 * DirectRunner handles far faster.
 */
final class JoinOutcomesFn extends DoFn<KV<Integer, CoGbkResult>, Row> {
  static final TupleTag<KV<String, Row>> SCORES = new TupleTag<>();
  static final TupleTag<KV<String, Map<String, String>>> GROUPS = new TupleTag<>();
  static final TupleTag<KV<String, Boolean>> LABELS = new TupleTag<>();

  static final String NOT_SCORED = "customers_not_scored";
  static final String WITHOUT_CUSTOMER = "scores_without_customer";
  static final String LABELS_NOT_SCORED = "labels_without_score";
  static final String SCORED_TWICE = "customers_scored_more_than_once";

  private final boolean withLabels;
  private final Counter notScored = Metrics.counter(MonitorPipeline.METRICS, NOT_SCORED);
  private final Counter withoutCustomer = Metrics.counter(MonitorPipeline.METRICS, WITHOUT_CUSTOMER);
  private final Counter labelsNotScored = Metrics.counter(MonitorPipeline.METRICS, LABELS_NOT_SCORED);
  private final Counter scoredTwice = Metrics.counter(MonitorPipeline.METRICS, SCORED_TWICE);

  /** @param withLabels whether the join has {@link #LABELS} */
  JoinOutcomesFn(boolean withLabels) {
    this.withLabels = withLabels;
  }

  @ProcessElement
  public void process(@Element KV<Integer, CoGbkResult> shard, OutputReceiver<Row> out) {
    CoGbkResult joined = shard.getValue();
    Map<String, Row> latest = new HashMap<>();
    for (KV<String, Row> score : joined.getAll(SCORES)) {
      Row previous = latest.put(score.getKey(), score.getValue());
      if (previous != null) {
        scoredTwice.inc();
        if (previous.getDateTime(ScoreRows.SCORED_AT).isAfter(score.getValue().getDateTime(ScoreRows.SCORED_AT))) {
          latest.put(score.getKey(), previous);
        }
      }
    }
    Map<String, Map<String, String>> groups = new HashMap<>();
    for (KV<String, Map<String, String>> customer : joined.getAll(GROUPS)) {
      groups.put(customer.getKey(), customer.getValue());
      notScored.inc(latest.containsKey(customer.getKey()) ? 0 : 1);
    }
    Map<String, Boolean> labels = new HashMap<>();
    for (KV<String, Boolean> label : withLabels ? joined.getAll(LABELS) : List.<KV<String, Boolean>>of()) {
      // a customer labelled twice keeps its first label
      labels.putIfAbsent(label.getKey(), label.getValue());
      labelsNotScored.inc(latest.containsKey(label.getKey()) ? 0 : 1);
    }
    latest.forEach(
        (id, score) -> {
          Map<String, String> customerGroups = groups.get(id);
          withoutCustomer.inc(customerGroups == null ? 1 : 0);
          out.output(
              Row.withSchema(ScoreRows.LABELLED_SCHEMA)
                  .addValues(score.getValues())
                  .addValue(labels.get(id))
                  .addValue(customerGroups == null ? Map.of() : customerGroups)
                  .build());
        });
  }
}
