package dev.churn.pipelines.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.churn.models.evaluate.EvaluationReport;
import dev.churn.models.registry.Json;
import dev.churn.models.registry.ModelChoice;
import dev.churn.models.registry.ModelVersion;
import dev.churn.models.registry.PromotionGate;
import dev.churn.pipelines.input.CustomerInput;
import dev.churn.pipelines.input.ReadCounts;
import dev.churn.pipelines.evaluate.EvaluatePipeline;
import dev.churn.pipelines.evaluate.LabelledPredictions;
import dev.churn.transforms.Progress;
import dev.churn.transforms.io.LocalFolders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;

/** Metrics and fairness of the champions (or one version) on labelled customers. */
public final class EvaluateJob {
  private static final String CHOICE = "evaluation";

  private EvaluateJob() {}

  public static final class Request {
    public Execution execution;
    public ScoringInputs inputs;
  }

  /** The metrics: one JSON object, {@code roc_auc}, {@code pr_auc}, ... per-segment and fairness. */
  public static final class Result {
    public final ObjectNode report;

    Result(ObjectNode report) {
      this.report = report;
    }

    /** A top-level metric, such as {@code roc_auc}. */
    public double metric(String name) {
      return report.get(name).asDouble();
    }
  }

  public static Result run(Request request) {
    PipelineOptions options = request.execution.pipelineOptions("evaluate", request.inputs.registry);
    ScoringInputs inputs = request.inputs;
    ModelChoice models = inputs.models();
    ModelVersion main = inputs.load(models);
    CustomerInput input = inputs.input(main, true);
    Path work = temporaryFolder();
    try {
      Pipeline pipeline = Pipeline.create(options);
      EvaluatePipeline.build(pipeline, input, inputs.registry, Map.of(CHOICE, models), work.toString());
      PipelineResult result = Execution.runToEnd(pipeline, "evaluating " + models + " on " + inputs.customers);
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
      return new Result(output);
    } finally {
      LocalFolders.delete(work);
    }
  }

  private static Path temporaryFolder() {
    try {
      return Files.createTempDirectory("churn-evaluate-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder: " + e.getMessage(), e);
    }
  }
}
