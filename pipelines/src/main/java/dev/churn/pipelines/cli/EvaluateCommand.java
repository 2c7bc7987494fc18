package dev.churn.pipelines.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.churn.models.registry.Json;
import dev.churn.models.registry.ModelVersion;
import dev.churn.pipelines.CustomerInput;
import dev.churn.pipelines.ReadCounts;
import dev.churn.pipelines.evaluate.EvaluatePipeline;
import dev.churn.transforms.io.LocalFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code churn evaluate}: prints one JSON object of metrics of a version on a labelled file. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, description = "Print metrics of a model version on a labelled customers file, as JSON.")
public final class EvaluateCommand implements Callable<Integer> {
  @Mixin ScoringInputOptions inputs;

  @Mixin RunnerOptions runner;

  @Override
  public Integer call() throws IOException {
    System.out.println(evaluate());
    return ChurnCli.OK;
  }

  /** The metrics as one line of JSON. */
  String evaluate() throws IOException {
    ModelVersion loaded = inputs.version();
    CustomerInput input = inputs.input(loaded, true);
    Path work = Files.createTempDirectory("churn-evaluate-");
    try {
      Pipeline pipeline = Pipeline.create(runner.pipelineOptions());
      EvaluatePipeline.build(
          pipeline, input, inputs.registry().root().toString(), loaded.version(), loaded.metadata().thresholds.decision, work.toString());
      PipelineResult result = RunnerOptions.runToEnd(pipeline, "evaluating " + loaded.version() + " on " + inputs.customers);
      ReadCounts counts = ReadCounts.of(result);
      counts.requireAccepted(input);
      ObjectNode report = (ObjectNode) Json.MAPPER.readTree(work.resolve(EvaluatePipeline.REPORT_FILE).toFile());
      ObjectNode output = Json.MAPPER.createObjectNode().put("model_version", loaded.version());
      output.put("records_read", counts.read).put("dead_letters", counts.deadLettered);
      output.setAll(report);
      return Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(output);
    } finally {
      LocalFolders.delete(work);
    }
  }
}
