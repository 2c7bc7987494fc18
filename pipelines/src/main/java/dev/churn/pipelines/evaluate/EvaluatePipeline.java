package dev.churn.pipelines.evaluate;

import dev.churn.models.registry.ModelChoice;
import dev.churn.pipelines.input.CustomerInput;
import dev.churn.pipelines.score.ScorePipeline;
import dev.churn.pipelines.storage.RegistryLocation;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Instant;

/**
 * The evaluation pipeline: reads a labelled customers file once and scores it with one or more model
 * choices, writing each choice's {@link LabelledPredictions} to its own folder. Metrics, fairness and
 * promotion decisions are computed from those files.
 */
public final class EvaluatePipeline {
  private EvaluatePipeline() {}

  /** @param choices a name (a plain folder name) for each model choice to score with */
  public static void build(
      Pipeline pipeline, CustomerInput input, RegistryLocation registry, Map<String, ModelChoice> choices, String outputFolder) {
    PCollection<Row> customers = input.readWithFeatures(pipeline).customers();
    Instant now = Instant.now();
    choices.forEach(
        (name, choice) ->
            ScorePipeline.score(customers, input, registry, choice, "evaluate", now, true, "Score " + name)
                .apply("ToJson " + name, MapElements.into(TypeDescriptors.strings()).via(LabelledPredictions::toJson))
                .apply(
                    "Write " + name,
                    TextIO.write().to(outputFolder + "/" + name + "/" + LabelledPredictions.FILE_PREFIX).withSuffix(".jsonl")));
  }
}
