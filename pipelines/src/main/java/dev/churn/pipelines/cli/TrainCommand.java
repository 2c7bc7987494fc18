package dev.churn.pipelines.cli;

import dev.churn.models.registry.ModelRegistry;
import dev.churn.models.registry.VersionMetadata;
import dev.churn.models.train.NetworkSpec;
import dev.churn.models.train.TrainerSettings;
import dev.churn.pipelines.jobs.TrainJob;
import dev.churn.transforms.schema.DatasetSchemaFile;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code churn train}: trains per-segment models on a labelled customers file and registers a version. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train per-segment churn models and register a new version.")
public final class TrainCommand implements Callable<Integer> {
  /** The trainer's own defaults are the options' defaults. */
  private static final TrainerSettings DEFAULTS = new TrainerSettings();

  @Option(names = "--customers", required = true, description = "labelled customers CSV file or glob")
  String customers;

  @Option(names = "--schema", defaultValue = DatasetSchemaFile.TELCO, description = "dataset schema file, YAML or JSON (default: the IBM Telco schema)")
  String schema;

  @Mixin RegistryOption registry;

  @Option(names = "--seed", description = "random seed of splits and training (default: ${DEFAULT-VALUE})")
  long seed = DEFAULTS.seed;

  @Option(names = "--min-segment-rows", description = "smaller segments use the global model (default: ${DEFAULT-VALUE})")
  int minSegmentRows = DEFAULTS.minRows;

  @Option(names = "--min-segment-churned", description = "segments with fewer churned customers use the global model (default: ${DEFAULT-VALUE})")
  int minSegmentPositives = DEFAULTS.minPositives;

  @Option(
      names = "--max-training-rows",
      description = "a segment (and the global model) trains on at most this many rows: a seeded sample of a larger one (default: ${DEFAULT-VALUE})")
  int maxTrainingRows = DEFAULTS.maxRows;

  @Option(names = "--folds", description = "stratified cross-validation folds (default: ${DEFAULT-VALUE})")
  int folds = DEFAULTS.folds;

  @Option(names = "--candidates", split = ",", description = "candidate networks, simplest first (default: all of logistic, mlp-8, mlp-16-8, mlp-32-16-l2)")
  List<String> candidates;

  @Mixin EventOptions events;

  @Mixin RunnerOptions runner;

  @Override
  public Integer call() {
    TrainJob.Result trained = TrainJob.run(request());
    report(trained.version, trained.registry, System.out);
    return ChurnCli.OK;
  }

  /** The training these options ask for. */
  TrainJob.Request request() {
    TrainJob.Request request = new TrainJob.Request();
    request.execution = runner.execution();
    request.customers = customers;
    request.schema = DatasetSchemaFile.load(schema);
    request.registry = registry.at(runner.blobEndpoint());
    request.events = events.inputs();
    TrainerSettings settings = request.settings;
    settings.seed = seed;
    settings.minRows = minSegmentRows;
    settings.minPositives = minSegmentPositives;
    settings.maxRows = maxTrainingRows;
    settings.folds = folds;
    if (candidates != null) {
      settings.candidates = NetworkSpec.named(candidates);
    }
    return request;
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
