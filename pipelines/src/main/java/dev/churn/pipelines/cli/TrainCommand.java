package dev.churn.pipelines.cli;

import dev.churn.models.registry.ModelRegistry;
import dev.churn.models.registry.VersionMetadata;
import dev.churn.models.train.NetworkSpec;
import dev.churn.models.train.TrainerSettings;
import dev.churn.pipelines.CustomerInput;
import dev.churn.pipelines.FeatureInputs;
import dev.churn.pipelines.ReadCounts;
import dev.churn.pipelines.train.TrainPipeline;
import dev.churn.pipelines.train.VersionAssembler;
import dev.churn.transforms.InvalidInputException;
import dev.churn.transforms.Progress;
import dev.churn.transforms.schema.DatasetSchema;
import dev.churn.transforms.schema.DatasetSchemaFile;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code churn train}: trains per-segment models on a labelled customers file and registers a version. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train per-segment churn models and register a new version.")
public final class TrainCommand implements Callable<Integer> {
  @Option(names = "--customers", required = true, description = "labelled customers CSV file or glob")
  String customers;

  @Option(names = "--schema", defaultValue = DatasetSchemaFile.TELCO, description = "dataset schema file, YAML or JSON (default: the IBM Telco schema)")
  String schema;

  @Mixin RegistryOption registry;

  @Option(names = "--seed", defaultValue = "42", description = "random seed of splits and training (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--min-segment-rows", defaultValue = "500", description = "smaller segments use the global model (default: ${DEFAULT-VALUE})")
  int minSegmentRows;

  @Option(names = "--min-segment-churned", defaultValue = "50", description = "segments with fewer churned customers use the global model (default: ${DEFAULT-VALUE})")
  int minSegmentPositives;

  @Option(
      names = "--max-training-rows",
      defaultValue = "100000",
      description = "a segment (and the global model) trains on at most this many rows: a seeded sample of a larger one (default: ${DEFAULT-VALUE})")
  int maxTrainingRows;

  @Option(names = "--folds", defaultValue = "5", description = "stratified cross-validation folds (default: ${DEFAULT-VALUE})")
  int folds;

  @Option(names = "--candidates", split = ",", description = "candidate networks, simplest first (default: all of logistic, mlp-8, mlp-16-8, mlp-32-16-l2)")
  List<String> candidates;

  @Mixin EventOptions events;

  @Mixin RunnerOptions runner;

  @Override
  public Integer call() {
    report(train(), registry.at(runner.blobEndpoint()).open(), System.out);
    return ChurnCli.OK;
  }

  /** The options that train the way {@code settings} say (to retrain a version the same way). */
  static List<String> optionsOf(TrainerSettings settings) {
    return List.of(
        "--seed", Long.toString(settings.seed),
        "--min-segment-rows", Integer.toString(settings.minRows),
        "--min-segment-churned", Integer.toString(settings.minPositives),
        "--max-training-rows", Integer.toString(settings.maxRows),
        "--folds", Integer.toString(settings.folds),
        "--candidates", settings.candidates.stream().map(c -> c.name).collect(Collectors.joining(",")));
  }

  VersionMetadata train() {
    PipelineOptions options = runner.pipelineOptions();
    DatasetSchema datasetSchema = DatasetSchemaFile.load(schema);
    FeatureInputs eventInputs = events.inputs();
    CustomerInput input =
        CustomerInput.check(customers, datasetSchema.withFeatures(eventInputs.specFor(datasetSchema)), true)
            .withEvents(eventInputs);
    TrainerSettings settings = new TrainerSettings();
    settings.seed = seed;
    settings.minRows = minSegmentRows;
    settings.minPositives = minSegmentPositives;
    if (maxTrainingRows < minSegmentRows) {
      throw new InvalidInputException(
          "--max-training-rows " + maxTrainingRows + ": use at least --min-segment-rows (" + minSegmentRows + ")");
    }
    settings.maxRows = maxTrainingRows;
    if (folds < 2) {
      throw new InvalidInputException("--folds " + folds + ": use 2 or more");
    }
    settings.folds = folds;
    if (candidates != null) {
      settings.candidates = NetworkSpec.named(candidates);
    }
    ModelRegistry models = registry.at(runner.blobEndpoint()).open();
    String staging = models.newStaging();
    try {
      Pipeline pipeline = Pipeline.create(options);
      TrainPipeline.build(pipeline, input, settings, staging);
      PipelineResult result = RunnerOptions.runToEnd(pipeline, "training on " + customers);
      ReadCounts counts = ReadCounts.of(result);
      Progress.say(counts.summary());
      counts.requireAccepted(input);
      VersionMetadata metadata = VersionAssembler.publish(models, staging, input, settings, counts);
      models.registerChallenger(metadata.version, metadata.segments.keySet());
      return metadata;
    } catch (Exception e) {
      models.discard(staging);
      throw e instanceof RuntimeException ? (RuntimeException) e : new IllegalStateException(e);
    }
  }

  private static String topImportance(VersionMetadata.SegmentEntry entry) {
    return entry.importance.entrySet().stream()
        .limit(5)
        .map(e -> String.format(Locale.ROOT, "%s %.3f", e.getKey(), e.getValue()))
        .collect(Collectors.joining(", "));
  }

  /** "1200", or "100000 of 2500000" when the segment trained on a sample. */
  private static String rows(VersionMetadata.SegmentEntry segment) {
    return segment.labelledRows > segment.rows ? segment.rows + " of " + segment.labelledRows : String.valueOf(segment.rows);
  }

  static void report(VersionMetadata metadata, ModelRegistry registry, PrintStream out) {
    String folder = registry.location() + "/" + ModelRegistry.VERSIONS + "/" + metadata.version;
    out.printf(Locale.ROOT, "registered model version %s at %s, as challenger%n", metadata.version, folder);
    out.printf(
        Locale.ROOT,
        "training rows: %d read, %d accepted, %d dead-lettered%s%n",
        metadata.trainingData.rowsRead,
        metadata.trainingData.rowsAccepted,
        metadata.trainingData.deadLetters,
        metadata.trainingData.deadLetters > 0 ? " (" + folder + "/dead-letters-*.jsonl" + ")" : "");
    if (metadata.trainingData.cutoff != null) {
      out.printf(
          Locale.ROOT,
          "event features as of %s: %s%n",
          metadata.trainingData.cutoff,
          metadata.trainingData.events.entrySet().stream()
              .map(e -> e.getKey() + " " + e.getValue().get("accepted") + " accepted, " + e.getValue().get("dead_lettered") + " dead-lettered")
              .collect(Collectors.joining("; ")));
    }
    out.printf(
        Locale.ROOT,
        "cross-validated ROC AUC %.4f, calibration error %.4f (%d-fold, out-of-fold predictions of %d rows)%n",
        metadata.overall.rocAuc,
        metadata.overall.calibrationError,
        metadata.settings.folds,
        metadata.overall.rows);
    out.println("  most important inputs (AUC lost when shuffled): " + topImportance(metadata.global));
    for (Map.Entry<String, VersionMetadata.SegmentEntry> entry : metadata.segments.entrySet()) {
      VersionMetadata.SegmentEntry segment = entry.getValue();
      out.printf(
          Locale.ROOT,
          "  segment %-20s %5s rows  model %-12s %-8s cv AUC %.4f%s%n",
          entry.getKey(),
          rows(segment),
          segment.candidate,
          segment.source,
          segment.validation.rocAuc,
          segment.reason == null ? "" : "  (" + segment.reason + ")");
    }
  }

}
