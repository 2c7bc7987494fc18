package dev.churn.bench;

import dev.churn.models.registry.ModelVersion;
import dev.churn.models.registry.VersionMetadata;
import dev.churn.models.train.NetworkSpec;
import dev.churn.pipelines.cli.ChurnCli;
import dev.churn.pipelines.jobs.Execution;
import dev.churn.pipelines.jobs.RunnerSetup;
import dev.churn.pipelines.jobs.Runners;
import dev.churn.pipelines.jobs.TrainJob;
import dev.churn.pipelines.storage.RegistryLocation;
import dev.churn.transforms.InvalidInputException;
import dev.churn.transforms.Progress;
import dev.churn.transforms.io.LocalFolders;
import dev.churn.transforms.schema.DatasetSchemaFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code churn bench} ({@link BenchMain}): generates its input, measures each stage on each runner side by side with a
 * plain single-threaded baseline on the same input in the same process, and prints one JSON line per
 * measurement and a table at the end.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measure the feature pipeline, training, scoring and the online endpoint, each against a plain single-threaded Java baseline.",
      "Prints one JSON line per measurement, then a table."
    })
public final class BenchCommand implements Callable<Integer> {
  static final Set<String> STAGES = Set.of("features", "train", "score", "serve");

  @Option(names = "--work", defaultValue = "churn-bench", description = "folder for the generated input and the outputs; kept, so a second run skips generation (default: ./${DEFAULT-VALUE})")
  Path work;

  @Option(names = "--customers", defaultValue = "10000", description = "generated customers for Flink, Spark, training and scoring; about 175 telemetry messages each (default: ${DEFAULT-VALUE})")
  long customers;

  @Option(names = "--direct-customers", defaultValue = "1000", description = "generated customers for the DirectRunner, which is slower (default: ${DEFAULT-VALUE})")
  long directCustomers;

  @Option(names = "--runners", split = ",", defaultValue = "direct,flink,spark", description = "runners to measure the feature pipeline on (default: ${DEFAULT-VALUE})")
  List<String> runners;

  @Option(names = "--stages", split = ",", defaultValue = "features,train,score", description = "stages to measure (default: ${DEFAULT-VALUE})")
  List<String> stages;

  @Option(names = "--candidates", split = ",", defaultValue = "logistic,mlp-16-8", description = "candidate networks the training stage searches (default: ${DEFAULT-VALUE})")
  List<String> candidates;

  @Option(names = "--folds", defaultValue = "3", description = "cross-validation folds of the training stage (default: ${DEFAULT-VALUE})")
  int folds;

  @Option(names = "--score-records", defaultValue = "1000000", description = "customers the scoring stage scores per batch size (default: ${DEFAULT-VALUE})")
  long scoreRecords;

  @Option(names = "--serve-seconds", defaultValue = "10", description = "seconds of load per load level of the serve stage (default: ${DEFAULT-VALUE})")
  int serveSeconds;

  @Option(names = "--parallelism", defaultValue = "2", description = "Flink's parallelism, Spark's local[N] and the DirectRunner's target parallelism (default: ${DEFAULT-VALUE})")
  int parallelism;

  /** ./churn picks the jar by it; the train and score stages run on it. */
  @Option(names = "--runner", hidden = true, defaultValue = "direct")
  String jarRunner;

  @Override
  public Integer call() {
    for (String stage : stages) {
      if (!STAGES.contains(stage)) {
        throw new InvalidInputException("--stages: unknown stage '" + stage + "', expected features, train, score or serve");
      }
    }
    if (customers < 1 || directCustomers < 1 || scoreRecords < 1 || parallelism < 1) {
      throw new InvalidInputException("--customers, --direct-customers, --score-records and --parallelism must be at least 1");
    }
    for (String runner : runners) {
      if (!Runners.here(runner) && !RunnerProcess.runners().contains(runner)) {
        throw new InvalidInputException("--runners: unknown runner '" + runner + "', expected one of " + RunnerProcess.runners());
      }
    }
    long start = System.nanoTime();
    List<Measurement> all = new ArrayList<>();
    if (stages.contains("features")) {
      for (String runner : runners) {
        all.addAll(features(runner));
      }
    }
    if (stages.contains("train") || stages.contains("score") || stages.contains("serve")) {
      all.addAll(trainAndScore());
    }
    System.out.println();
    Measurement.printTable(all, System.out);
    Progress.say(String.format(Locale.ROOT, "bench done in %.0f s; the table is on standard output", (System.nanoTime() - start) / 1e9));
    return ChurnCli.OK;
  }

  /** The feature stage on one runner: here when this jar holds it, else in that runner's jar. */
  private List<Measurement> features(String runner) {
    if (!Runners.here(runner)) {
      List<Measurement> measured =
          RunnerProcess.bench(
              runner,
              List.of(
                  "--stages", "features",
                  "--runners", runner,
                  "--work", work.toString(),
                  "--customers", String.valueOf(customers),
                  "--direct-customers", String.valueOf(directCustomers),
                  "--parallelism", String.valueOf(parallelism)));
      measured.forEach(m -> System.out.println(m.toJson()));
      return measured;
    }
    RunnerSetup setup = Runners.named(runner);
    GeneratedData data = data(setup.smallInputsOnly() ? directCustomers : customers);
    Path output = work.resolve("features-" + runner);
    List<Measurement> measured = new ArrayList<>();
    for (RunnerSetup.LocalRun run : setup.localRuns(parallelism)) {
      Measurement m = FeatureBench.run(data, Execution.options(runner, run.beamArguments), run.label, run.detail, output);
      System.out.println(m.toJson());
      measured.add(m);
    }
    return measured;
  }

  /**
   * Trains a version on this jar's runner (measured when the train stage is asked for), then measures
   * scoring with its global model and the endpoint serving it.
   */
  private List<Measurement> trainAndScore() {
    List<Measurement> measured = new ArrayList<>();
    GeneratedData data = data(customers);
    Path registry = work.resolve("registry");
    LocalFolders.delete(registry);
    TrainJob.Request train = new TrainJob.Request();
    train.execution = Execution.of(jarRunner, List.of(), null);
    train.customers = data.customers();
    train.schema = DatasetSchemaFile.load(data.schema());
    train.registry = RegistryLocation.of(registry);
    train.settings.candidates = NetworkSpec.named(candidates);
    train.settings.folds = folds;
    Progress.say("warming up DL4J ...");
    TrainBench.warmUp();
    Measurement.resetPeakHeap();
    long start = System.nanoTime();
    VersionMetadata version = TrainJob.run(train).version;
    double seconds = (System.nanoTime() - start) / 1e9;
    long peakHeapMib = Measurement.peakHeapMib();
    ModelVersion trained = ModelVersion.load(RegistryLocation.of(registry).open(), version.version);
    if (stages.contains("train")) {
      Progress.say("training again without Beam, one model after another (the baseline) ...");
      measured.add(TrainBench.measure(data, trained, jarRunner, seconds, peakHeapMib));
    }
    if (stages.contains("score")) {
      Progress.say("scoring " + scoreRecords + " customers per batch size with DL4J and with plain Java ...");
      measured.addAll(ScoreBench.run(trained, data, scoreRecords, 256, 4096));
    }
    if (stages.contains("serve")) {
      measured.addAll(ServeBench.run(registry, version.version, data.customers(), work, serveSeconds));
    }
    measured.forEach(m -> System.out.println(m.toJson()));
    return measured;
  }

  private GeneratedData data(long size) {
    Progress.say("generating " + size + " customers into " + work.resolve("data-" + size) + " (skipped when there already)");
    return GeneratedData.ensure(work.resolve("data-" + size), size, 10);
  }

}
