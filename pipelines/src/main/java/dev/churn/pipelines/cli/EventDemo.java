package dev.churn.pipelines.cli;

import dev.churn.models.registry.Json;
import dev.churn.models.registry.VersionMetadata;
import dev.churn.testdata.generate.ChurnDataGenerator;
import dev.churn.testdata.generate.GeneratorSettings;
import dev.churn.transforms.Progress;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * The second part of the demo: event features on generated data. Generates customers with interactions
 * and device telemetry, trains on 80 % of them with and without the event features, and compares the
 * hold-out ROC AUC of both on the other 20 %.
 */
final class EventDemo {
  static final int CUSTOMERS = 2_500;

  /** What it measured. */
  static final class Result {
    Path data;
    VersionMetadata withEvents;
    double aucWithEvents;
    double aucAttributesOnly;
  }

  private EventDemo() {}

  /**
   * @param parse parses a command with its arguments on the demo's runner
   */
  static Result run(Path out, BiFunction<Object, String[], Object> parse) throws IOException {
    Result result = new Result();
    result.data = out.resolve("generated");
    GeneratorSettings settings = new GeneratorSettings();
    settings.customers = CUSTOMERS;
    settings.countries = 3;
    settings.readingsPerDay = 6;
    Progress.say(String.format(Locale.ROOT, "generating %,d customers with interactions and telemetry", CUSTOMERS));
    new ChurnDataGenerator(settings).writeTo(result.data, n -> {});
    Path train = result.data.resolve("train.csv");
    Path holdout = result.data.resolve("holdout.csv");
    split(result.data.resolve("customers.csv"), train, holdout);

    String schema = result.data.resolve("customers.schema.yaml").toString();
    String[] events = {
      "--interactions", result.data.resolve("interactions.csv").toString(),
      "--devices", result.data.resolve("devices.csv").toString(),
      "--telemetry", result.data.resolve("telemetry.csv").toString(),
      "--cutoff", "2026-01-01"
    };
    String[] quick = {"--folds", "3", "--candidates", "logistic,mlp-8"};
    Path withEvents = out.resolve("registry-events");
    result.withEvents =
        ((TrainCommand) parse.apply(new TrainCommand(), DemoCommand.concat(quick, DemoCommand.concat(events, "--customers", train.toString(), "--schema", schema, "--registry", withEvents.toString())))).train();
    result.aucWithEvents = auc(parse, DemoCommand.concat(events, "--customers", holdout.toString(), "--registry", withEvents.toString(), "--model-version", result.withEvents.version));

    Path plain = out.resolve("registry-attributes");
    VersionMetadata attributesOnly =
        ((TrainCommand) parse.apply(new TrainCommand(), DemoCommand.concat(quick, "--customers", train.toString(), "--schema", schema, "--registry", plain.toString()))).train();
    result.aucAttributesOnly = auc(parse, new String[] {"--customers", holdout.toString(), "--registry", plain.toString(), "--model-version", attributesOnly.version});
    return result;
  }

  static void report(Result result, PrintStream o) {
    o.printf(
        Locale.ROOT,
        "event features on %,d generated customers (%s): hold-out ROC AUC %.4f with interactions and telemetry, %.4f with customer attributes only%n",
        CUSTOMERS,
        result.data,
        result.aucWithEvents,
        result.aucAttributesOnly);
    o.println("  most important inputs: "
        + result.withEvents.global.importance.keySet().stream().limit(6).collect(Collectors.joining(", ")));
  }

  private static double auc(BiFunction<Object, String[], Object> parse, String[] args) throws IOException {
    String metrics = ((EvaluateCommand) parse.apply(new EvaluateCommand(), args)).evaluate();
    return Json.MAPPER.readTree(metrics).get("roc_auc").asDouble();
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
