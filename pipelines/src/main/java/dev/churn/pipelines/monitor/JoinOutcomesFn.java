package dev.churn.pipelines.monitor;

import dev.churn.pipelines.rows.ScoreRows;
import dev.churn.transforms.customers.CustomerShards;
import dev.churn.transforms.customers.DeadLetter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.join.RawUnionValue;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Joins a customer's score row with its sensitive groups (from the customers file) and its label (when
 * labels were given) into a row of {@link ScoreRows#LABELLED_SCHEMA}. What does not match is counted:
 * customers without a score, scores without a customer, labels without a score, and customers scored
 * more than once (the latest score is kept). A customer labelled twice the same way counts once; one
 * labelled both ways is left unlabelled and its label lines go to the dead letters.
 *
 * <p>The inputs come grouped by a shard of the customer id ({@link CustomerShards}) and are joined by
 * id inside each shard, in one pass over the group.
 */
final class JoinOutcomesFn extends DoFn<KV<Integer, Iterable<RawUnionValue>>, Row> {
  static final TupleTag<Row> OUTCOMES = new TupleTag<Row>() {};
  static final TupleTag<DeadLetter> CONFLICTING_LABELS = new TupleTag<DeadLetter>() {};
  /** The inputs' tags in the union. */
  static final int SCORES = 0;
  static final int GROUPS = 1;
  static final int LABELS = 2;

  static final String NOT_SCORED = "customers_not_scored";
  static final String WITHOUT_CUSTOMER = "scores_without_customer";
  static final String LABELS_NOT_SCORED = "labels_without_score";
  static final String SCORED_TWICE = "customers_scored_more_than_once";
  static final String LABELS_CONFLICTING = "customers_with_conflicting_labels";

  private final Counter notScored = Metrics.counter(MonitorPipeline.METRICS, NOT_SCORED);
  private final Counter withoutCustomer = Metrics.counter(MonitorPipeline.METRICS, WITHOUT_CUSTOMER);
  private final Counter labelsNotScored = Metrics.counter(MonitorPipeline.METRICS, LABELS_NOT_SCORED);
  private final Counter scoredTwice = Metrics.counter(MonitorPipeline.METRICS, SCORED_TWICE);
  private final Counter labelsConflicting = Metrics.counter(MonitorPipeline.METRICS, LABELS_CONFLICTING);

  @ProcessElement
  @SuppressWarnings("unchecked")
  public void process(@Element KV<Integer, Iterable<RawUnionValue>> shard, MultiOutputReceiver out) {
    Map<String, Row> latest = new HashMap<>();
    Map<String, Map<String, String>> groups = new HashMap<>();
    Map<String, List<LabelFile.Label>> labelLines = new HashMap<>();
    for (RawUnionValue value : shard.getValue()) {
      switch (value.getUnionTag()) {
        case SCORES:
          KV<String, Row> score = (KV<String, Row>) value.getValue();
          Row previous = latest.put(score.getKey(), score.getValue());
          if (previous != null) {
            scoredTwice.inc();
            if (previous.getDateTime(ScoreRows.SCORED_AT).isAfter(score.getValue().getDateTime(ScoreRows.SCORED_AT))) {
              latest.put(score.getKey(), previous);
            }
          }
          break;
        case GROUPS:
          KV<String, Map<String, String>> customer = (KV<String, Map<String, String>>) value.getValue();
          groups.put(customer.getKey(), customer.getValue());
          break;
        default:
          KV<String, LabelFile.Label> label = (KV<String, LabelFile.Label>) value.getValue();
          labelLines.computeIfAbsent(label.getKey(), id -> new ArrayList<>()).add(label.getValue());
      }
    }
    Map<String, Boolean> labels = new HashMap<>();
    labelLines.forEach((id, lines) -> {
      if (lines.stream().allMatch(l -> l.churned == lines.get(0).churned)) {
        labels.put(id, lines.get(0).churned);
        return;
      }
      labelsConflicting.inc();
      String values = lines.stream().map(l -> (l.churned ? "churned" : "stayed") + " at " + l.source.file() + ":" + l.source.lineNumber()).collect(Collectors.joining(", "));
      lines.forEach(l -> out.get(CONFLICTING_LABELS).output(DeadLetter.of(l.source, "customer " + id + " has conflicting labels (" + values + "): left unlabelled")));
    });
    groups.keySet().forEach(id -> notScored.inc(latest.containsKey(id) ? 0 : 1));
    labels.keySet().forEach(id -> labelsNotScored.inc(latest.containsKey(id) ? 0 : 1));
    latest.forEach(
        (id, score) -> {
          Map<String, String> customerGroups = groups.get(id);
          withoutCustomer.inc(customerGroups == null ? 1 : 0);
          out.get(OUTCOMES).output(
              Row.withSchema(ScoreRows.LABELLED_SCHEMA)
                  .addValues(score.getValues())
                  .addValue(labels.get(id))
                  .addValue(customerGroups == null ? Map.of() : customerGroups)
                  .build());
        });
  }
}
