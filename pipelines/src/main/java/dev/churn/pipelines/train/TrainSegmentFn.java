package dev.churn.pipelines.train;

import dev.churn.models.train.SegmentModel;
import dev.churn.models.train.SegmentTrainer;
import dev.churn.models.train.TrainerSettings;
import dev.churn.models.train.TrainingData;
import dev.churn.transforms.prepare.Preprocessing;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the models of one segment (a key) on its {@link TrainingSample}. Examples are sorted by
 * customer id first, so the result does not depend on the order the runner grouped them in. Without a
 * global-model view it trains the global model itself.
 */
final class TrainSegmentFn extends DoFn<KV<String, List<LabelledExample>>, SegmentModel> {
  private static final Logger LOG = LoggerFactory.getLogger(TrainSegmentFn.class);
  private final TrainerSettings settings;
  private final PCollectionView<Preprocessing> preprocessing;
  private final PCollectionView<Map<String, Long>> labelledRows;
  private final PCollectionView<SegmentModel> global;

  TrainSegmentFn(
      TrainerSettings settings,
      PCollectionView<Preprocessing> preprocessing,
      PCollectionView<Map<String, Long>> labelledRows,
      PCollectionView<SegmentModel> global) {
    this.settings = settings;
    this.preprocessing = preprocessing;
    this.labelledRows = labelledRows;
    this.global = global;
  }

  @ProcessElement
  public void process(@Element KV<String, List<LabelledExample>> segment, ProcessContext context) {
    List<LabelledExample> examples = sortedById(segment.getValue());
    String[][] groups = new String[examples.size()][];
    for (int i = 0; i < groups.length; i++) {
      groups[i] = examples.get(i).groups;
    }
    SegmentModel globalModel = global == null ? null : context.sideInput(global);
    SegmentModel trained =
        new SegmentTrainer(settings, context.sideInput(preprocessing))
            .train(segment.getKey(), trainingData(examples), globalModel);
    // the out-of-fold predictions are in the order of the rows above
    trained.validationGroups = groups;
    Map<String, Long> counts = context.sideInput(labelledRows);
    trained.labelledRows =
        global == null ? counts.values().stream().mapToLong(Long::longValue).sum() : counts.get(segment.getKey());
    if (trained.labelledRows > trained.rows) {
      LOG.info("segment {}: trained on a sample of {} of its {} rows", segment.getKey(), trained.rows, trained.labelledRows);
    }
    context.output(trained);
  }

  /** The examples sorted by customer id, so that training does not depend on the order they came in. */
  static List<LabelledExample> sortedById(Iterable<LabelledExample> examples) {
    List<LabelledExample> sorted = new ArrayList<>();
    examples.forEach(sorted::add);
    sorted.sort(Comparator.comparing(e -> e.customerId));
    return sorted;
  }

  static TrainingData trainingData(List<LabelledExample> examples) {
    String[] ids = new String[examples.size()];
    double[][] features = new double[examples.size()][];
    double[] labels = new double[examples.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = examples.get(i).customerId;
      features[i] = examples.get(i).features;
      labels[i] = examples.get(i).label;
    }
    return new TrainingData(ids, features, labels);
  }
}
