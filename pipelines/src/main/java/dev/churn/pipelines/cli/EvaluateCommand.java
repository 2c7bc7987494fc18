package dev.churn.pipelines.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.churn.models.evaluate.EvaluationReport;
import dev.churn.models.registry.Json;
import dev.churn.models.registry.ModelChoice;
import dev.churn.models.registry.ModelVersion;
import dev.churn.models.registry.PromotionGate;
import dev.churn.pipelines.CustomerInput;
import dev.churn.pipelines.ReadCounts;
import dev.churn.pipelines.evaluate.EvaluatePipeline;
import dev.churn.pipelines.evaluate.LabelledPredictions;
import dev.churn.pipelines.storage.RegistryLocation;
import dev.churn.transforms.Progress;
import dev.churn.transforms.io.LocalFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code churn evaluate}: prints one JSON object of metrics of the models on a labelled file. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, description = "Print metrics and fairness of the models on a labelled customers file, as JSON.")
public final class EvaluateCommand implements Callable<Integer> {
  private static final String CHOICE = "evaluation";

  @Mixin ScoringInputOptions inputs;

  @Mixin EventOptions events;

  @Mixin RunnerOptions runner;

  @Override
  public Integer call() throws IOException {
    System.out.println(evaluate());
    return ChurnCli.OK;
  }

  /** The metrics as one line of JSON. */
  String evaluate() throws IOException {
    PipelineOptions options = runner.pipelineOptions();
    RegistryLocation registry = inputs.registry(runner);
    ModelChoice models = inputs.models(registry);
    ModelVersion main = inputs.load(registry, models);
    CustomerInput input = inputs.input(main, true, events);
    Path work = Files.createTempDirectory("churn-evaluate-");
    try {
      Pipeline pipeline = Pipeline.create(options);
      EvaluatePipeline.build(pipeline, input, registry, Map.of(CHOICE, models), work.toString());
      PipelineResult result = RunnerOptions.runToEnd(pipeline, "evaluating " + models + " on " + inputs.customers);
      ReadCounts counts = ReadCounts.of(result);
      Progress.say(counts.summary());
      counts.requireAccepted(input);
      LabelledPredictions predictions = LabelledPredictions.read(work.resolve(CHOICE));
      PromotionGate gate = new PromotionGate();
      Map<String, Object> report =
          EvaluationReport.of(
              predictions.segments,
              predictions.labels,
              predictions.probabilities,
              main.metadata().thresholds.decision,
              predictions.groups,
              gate.minGroupRows,
              gate.minGroupPositives);
      ObjectNode output = Json.MAPPER.createObjectNode().put("model_version", models.toString());
      output.put("records_read", counts.read).put("dead_letters", counts.allDeadLetters());
      output.set("dead_letter_reasons", Json.MAPPER.valueToTree(counts.reasons));
      output.setAll((ObjectNode) Json.MAPPER.valueToTree(report));
      return Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(output);
    } finally {
      LocalFolders.delete(work);
    }
  }
}
