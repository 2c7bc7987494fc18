package dev.churn.models.score;

import dev.churn.models.ChurnModel;
import dev.churn.models.registry.ModelVersion;
import dev.churn.transforms.prepare.Preprocessing;
import dev.churn.transforms.schema.DatasetSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.values.Row;

/**
 * The one scoring core, shared by batch scoring, streaming, evaluation and the endpoint: a model
 * version's preparation, the model of the customer's segment and its risk bands give each customer a
 * calibrated churn probability, a band and its top reasons ({@link Reasons}). No pipeline is involved:
 * customers are parsed records ({@link DatasetSchema#rowSchema()}, with their event features), scored
 * in batches of one segment, one prediction call per batch. The models score through
 * {@link ChurnModel#forConcurrentUse()}: for DL4J networks the plain Java forward pass of the same
 * weights, equal to DL4J's within 1e-12, faster at the batch sizes scoring uses, safe to share between
 * threads, and free of DL4J's native code, which has crashed the JVM when several threads ran it.
 */
public final class ChurnScorer {
  private final ModelVersion version;
  private final String segmentColumn;

  /** @param segmentColumn the schema's segment column, or null when the schema has none */
  public ChurnScorer(ModelVersion version, String segmentColumn) {
    this.version = version.forConcurrentUse();
    this.segmentColumn = segmentColumn;
  }

  /** The segment of a customer, as scoring groups them ({@code all} without a segment column). */
  public static String segmentOf(Row customer, String segmentColumn) {
    return segmentColumn == null ? "all" : customer.getString(segmentColumn);
  }

  public ModelVersion version() {
    return version;
  }

  /**
   * Scores customers that all belong to {@code segment}, in their order: one forward pass per customer
   * when the segment's model is linear in the log-odds (the reasons follow from its coefficients), one
   * per customer and input column otherwise (occlusion).
   */
  public List<Score> score(String segment, List<Row> customers) {
    Preprocessing preprocessing = version.preprocessing();
    ChurnModel model = version.modelFor(segment);
    double[] coefficients = model.logitCoefficients();
    int columns = preprocessing.inputColumns().size();
    int probesPerCustomer = coefficients != null ? 1 : columns + 1;
    double[][] inputs = new double[customers.size() * probesPerCustomer][];
    int i = 0;
    for (Row customer : customers) {
      if (coefficients != null) {
        inputs[i++] = preprocessing.encode(customer);
      } else {
        for (double[] probe : preprocessing.encodeWithBaselines(customer)) {
          inputs[i++] = probe;
        }
      }
    }
    double[] predictions = model.predict(inputs);
    double[] baselines = preprocessing.baselines();
    List<int[]> positions = preprocessing.inputPositions();
    // under a segment's own model the segment column had one value in training: it cannot be a reason
    String ignored = version.hasOwnModel(segment) ? segmentColumn : null;
    List<Score> scores = new ArrayList<>(customers.size());
    for (int k = 0; k < customers.size(); k++) {
      Row customer = customers.get(k);
      int offset = k * probesPerCustomer;
      double probability = predictions[offset];
      double[] contributions =
          coefficients != null
              ? Reasons.linear(coefficients, inputs[offset], baselines, positions)
              : Reasons.occlusion(predictions, offset, columns);
      scores.add(new Score(
          customer.getString(DatasetSchema.ID_FIELD),
          segment,
          probability,
          version.metadata().thresholds.band(probability),
          version.modelTag(segment),
          Reasons.top(preprocessing, customer, contributions, ignored)));
    }
    return scores;
  }
}
