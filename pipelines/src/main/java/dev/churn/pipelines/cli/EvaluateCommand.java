package dev.churn.pipelines.cli;

import dev.churn.models.registry.ModelRegistry;
import dev.churn.models.registry.ModelVersion;
import dev.churn.pipelines.CustomerInput;
import dev.churn.pipelines.evaluate.EvaluatePipeline;
import dev.churn.transforms.io.LocalFolders;
import dev.churn.transforms.schema.DatasetSchemaFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.Pipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code churn evaluate}: prints one JSON object of metrics of a version on a labelled file. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, description = "Print metrics of a model version on a labelled customers file, as JSON.")
public final class EvaluateCommand implements Callable<Integer> {
  @Option(names = "--customers", required = true, description = "labelled customers CSV file or glob")
  String customers;

  @Option(names = "--schema", description = "dataset schema file (default: the schema the model was trained with)")
  String schema;

  @Option(names = "--registry", required = true, description = "model registry folder")
  Path registry;

  @Option(names = "--model-version", description = "version to evaluate (default: the newest)")
  String modelVersion;

  @Mixin RunnerOptions runner;

  @Override
  public Integer call() throws IOException {
    System.out.println(evaluate());
    return ChurnCli.OK;
  }

  /** The metrics as one line of JSON. */
  String evaluate() throws IOException {
    ModelRegistry models = new ModelRegistry(registry);
    String version = modelVersion != null ? modelVersion : models.latestVersion();
    ModelVersion loaded = ModelVersion.load(models, version);
    CustomerInput input =
        CustomerInput.check(
            customers, schema != null ? DatasetSchemaFile.load(schema) : loaded.metadata().schema, true);
    Path work = Files.createTempDirectory("churn-evaluate-");
    try {
      Pipeline pipeline = Pipeline.create(runner.pipelineOptions());
      EvaluatePipeline.build(
          pipeline, input, models.root().toString(), version, loaded.metadata().thresholds.high, work.toString());
      RunnerOptions.runToEnd(pipeline, "evaluating " + version + " on " + customers);
      String report = Files.readString(work.resolve(EvaluatePipeline.REPORT_FILE)).trim();
      return "{\"model_version\":\"" + version + "\"," + report.substring(1);
    } finally {
      LocalFolders.delete(work);
    }
  }
}
