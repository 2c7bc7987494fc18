package dev.churn.pipelines.train;

import dev.churn.transforms.prepare.Preprocessing;
import dev.churn.transforms.schema.DatasetSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;

/**
 * Encodes a labelled customer with the fitted preparation, keyed by its segment, with its groups of the
 * sensitive attributes.
 */
final class EncodeExampleFn extends DoFn<Row, KV<String, LabelledExample>> {
  private final String segmentColumn;
  private final List<String> sensitive;
  private final PCollectionView<Preprocessing> preprocessing;

  EncodeExampleFn(String segmentColumn, List<String> sensitive, PCollectionView<Preprocessing> preprocessing) {
    this.segmentColumn = segmentColumn;
    this.sensitive = new ArrayList<>(sensitive);
    this.preprocessing = preprocessing;
  }

  @ProcessElement
  public void process(@Element Row customer, ProcessContext context) {
    context.output(encode(customer, context.sideInput(preprocessing), segmentColumn, sensitive));
  }

  /** A customer's segment (or "all" without a segment column) and its encoded example. */
  static KV<String, LabelledExample> encode(Row customer, Preprocessing preprocessing, String segmentColumn, List<String> sensitive) {
    double[] features = preprocessing.encode(customer);
    Boolean churned = customer.getBoolean(DatasetSchema.LABEL_FIELD);
    String segment = segmentColumn == null ? "all" : customer.getString(segmentColumn);
    String[] groups = new String[sensitive.size()];
    for (int i = 0; i < groups.length; i++) {
      groups[i] = DatasetSchema.groupOf(customer, sensitive.get(i));
    }
    return KV.of(
        segment,
        new LabelledExample(customer.getString(DatasetSchema.ID_FIELD), features, Boolean.TRUE.equals(churned) ? 1 : 0, groups));
  }
}
