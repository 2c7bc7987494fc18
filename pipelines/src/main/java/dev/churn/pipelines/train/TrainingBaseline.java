package dev.churn.pipelines.train;

import dev.churn.models.train.SegmentModel;
import dev.churn.models.train.SegmentTrainer;
import dev.churn.models.train.TrainerSettings;
import dev.churn.transforms.prepare.Preprocessing;
import dev.churn.transforms.schema.DatasetSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.Row;

/**
 * Training as a plain single-threaded loop, without Beam: the customers encoded with a fitted
 * preparation, the global model, then each segment's, one after another, by the same
 * {@link SegmentTrainer} the pipeline runs per key. The benchmark's baseline for training, and a check
 * that the pipeline trains the same models. Assumes every segment fits under the row cap (no sample).
 */
public final class TrainingBaseline {
  private TrainingBaseline() {}

  /** The models by segment, the global model first under {@link SegmentModel#GLOBAL}. */
  public static Map<String, SegmentModel> train(
      List<Row> customers, DatasetSchema schema, Preprocessing preprocessing, TrainerSettings settings) {
    List<LabelledExample> all = new ArrayList<>();
    Map<String, List<LabelledExample>> bySegment = new TreeMap<>();
    for (Row customer : customers) {
      KV<String, LabelledExample> example =
          EncodeExampleFn.encode(customer, preprocessing, schema.hasSegment() ? schema.segment : null, schema.sensitive);
      all.add(example.getValue());
      bySegment.computeIfAbsent(example.getKey(), s -> new ArrayList<>()).add(example.getValue());
    }
    SegmentTrainer trainer = new SegmentTrainer(settings, preprocessing);
    Map<String, SegmentModel> models = new LinkedHashMap<>();
    SegmentModel global = trainer.train(SegmentModel.GLOBAL, TrainSegmentFn.trainingData(TrainSegmentFn.sortedById(all)), null);
    models.put(SegmentModel.GLOBAL, global);
    bySegment.forEach(
        (segment, examples) -> models.put(segment, trainer.train(segment, TrainSegmentFn.trainingData(TrainSegmentFn.sortedById(examples)), global)));
    return models;
  }
}
