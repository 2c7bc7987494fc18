package dev.churn.pipelines.jobs;

import dev.churn.models.registry.VersionMetadata;
import dev.churn.models.train.NetworkSpec;
import dev.churn.pipelines.input.FeatureInputs;
import dev.churn.testdata.generate.ChurnDataGenerator;
import dev.churn.testdata.generate.GeneratorSettings;
import dev.churn.transforms.Progress;
import dev.churn.transforms.schema.DatasetSchemaFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The second part of the demo: event features on generated data. Generates customers with interactions
 * and device telemetry, trains on 80 % of them with and without the event features, and compares the
 * hold-out ROC AUC of both on the other 20 %.
 */
public final class EventComparison {
  public static final int CUSTOMERS = 2_500;

  /** What it measured. */
  public static final class Result {
    public Path data;
    public VersionMetadata withEvents;
    public double aucWithEvents;
    public double aucAttributesOnly;
  }

  private EventComparison() {}

  public static Result run(Execution execution, Path out) {
    Result result = new Result();
    result.data = out.resolve("generated");
    GeneratorSettings settings = new GeneratorSettings();
    settings.customers = CUSTOMERS;
    settings.countries = 3;
    settings.readingsPerDay = 6;
    Progress.say(String.format(Locale.ROOT, "generating %,d customers with interactions and telemetry", CUSTOMERS));
    Path train = result.data.resolve("train.csv");
    Path holdout = result.data.resolve("holdout.csv");
    try {
      new ChurnDataGenerator(settings).writeTo(result.data, n -> {});
      split(result.data.resolve("customers.csv"), train, holdout);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the generated data into " + result.data + ": " + e.getMessage(), e);
    }
    String schema = result.data.resolve("customers.schema.yaml").toString();
    FeatureInputs events = FeatureInputs.check(
        result.data.resolve("telemetry.csv").toString(), result.data.resolve("devices.csv").toString(),
        result.data.resolve("interactions.csv").toString(), "2026-01-01");
    Progress.say("event features as of " + events.describeCutoff());
    FeatureInputs none = FeatureInputs.check(null, null, null, null);

    result.withEvents = train(execution, train, schema, out.resolve("registry-events"), events);
    result.aucWithEvents = auc(execution, holdout, out.resolve("registry-events"), result.withEvents.version, events);
    VersionMetadata attributesOnly = train(execution, train, schema, out.resolve("registry-attributes"), none);
    result.aucAttributesOnly = auc(execution, holdout, out.resolve("registry-attributes"), attributesOnly.version, none);
    return result;
  }

  /** A quick training: 3 folds, two candidates. */
  private static VersionMetadata train(Execution execution, Path customers, String schema, Path registry, FeatureInputs events) {
    TrainJob.Request request = new TrainJob.Request();
    request.execution = execution;
    request.customers = customers.toString();
    request.schema = DatasetSchemaFile.load(schema);
    request.registry = execution.registry(registry.toString());
    request.events = events;
    request.settings.folds = 3;
    request.settings.candidates = NetworkSpec.named(List.of("logistic", "mlp-8"));
    return TrainJob.run(request).version;
  }

  private static double auc(Execution execution, Path customers, Path registry, String version, FeatureInputs events) {
    EvaluateJob.Request request = new EvaluateJob.Request();
    request.execution = execution;
    request.inputs = new ScoringInputs();
    request.inputs.customers = customers.toString();
    request.inputs.registry = execution.registry(registry.toString());
    request.inputs.modelVersion = version;
    request.inputs.events = events;
    return EvaluateJob.run(request).metric("roc_auc");
  }

  /** Every fifth customer (by position) to the hold-out file, the rest to the training file. */
  private static void split(Path customers, Path train, Path holdout) throws IOException {
    List<String> lines = Files.readAllLines(customers);
    List<String> first = new ArrayList<>(List.of(lines.get(0)));
    List<String> second = new ArrayList<>(List.of(lines.get(0)));
    for (int i = 1; i < lines.size(); i++) {
      (i % 5 == 0 ? second : first).add(lines.get(i));
    }
    Files.write(train, first);
    Files.write(holdout, second);
  }
}
