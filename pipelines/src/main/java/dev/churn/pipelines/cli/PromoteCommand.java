package dev.churn.pipelines.cli;

import dev.churn.models.registry.Aliases;
import dev.churn.models.registry.Decision;
import dev.churn.models.registry.ModelChoice;
import dev.churn.models.registry.ModelRegistry;
import dev.churn.models.registry.ModelVersion;
import dev.churn.models.registry.PromotionGate;
import dev.churn.pipelines.CustomerInput;
import dev.churn.pipelines.FeatureInputs;
import dev.churn.pipelines.ReadCounts;
import dev.churn.pipelines.evaluate.EvaluatePipeline;
import dev.churn.pipelines.evaluate.LabelledPredictions;
import dev.churn.pipelines.storage.RegistryLocation;
import dev.churn.transforms.InvalidInputException;
import dev.churn.transforms.Progress;
import dev.churn.transforms.io.LocalFolders;
import dev.churn.transforms.schema.DatasetSchema;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code churn models promote}: passes a challenger through the promotion gate, per segment, on a
 * labelled file that the challenger and each segment's champion are both scored on, and moves the
 * champion alias of every segment that passes. Every decision is recorded with its numbers.
 */
@Command(name = "promote", mixinStandardHelpOptions = true, description = "Make a challenger champion where it passes the promotion gate.")
public final class PromoteCommand implements Callable<Integer> {
  @Mixin RegistryOption registry;

  @Option(names = "--customers", required = true, description = "labelled customers the challenger and champions are compared on (not used in training)")
  String customers;

  @Option(names = "--model-version", description = "the version to promote (default: the challenger)")
  String version;

  @Option(names = "--segment", description = "segments to decide for, '*' for all segments without their own champion (default: '*' and every segment of the version)")
  List<String> segments;

  @Option(names = "--auc-tolerance", description = "the challenger's AUC may be this much below the champion's (default: " + PromotionGate.DEFAULT_AUC_TOLERANCE + ")")
  Double aucTolerance;

  @Option(names = "--min-selection-rate-ratio", description = "lowest over highest selection rate between the groups of a sensitive attribute (default: " + PromotionGate.DEFAULT_MIN_SELECTION_RATE_RATIO + ")")
  Double minSelectionRateRatio;

  @Option(names = "--min-true-positive-rate-ratio", description = "lowest over highest true-positive rate between groups (default: " + PromotionGate.DEFAULT_MIN_TRUE_POSITIVE_RATE_RATIO + ")")
  Double minTruePositiveRateRatio;

  @Option(names = "--force", description = "promote even where the gate refuses (recorded as forced)")
  boolean force;

  @Mixin EventOptions events;

  @Mixin RunnerOptions runner;

  @Override
  public Integer call() throws IOException {
    List<Decision> decisions = promote();
    report(decisions, System.out);
    return ChurnCli.OK;
  }

  List<Decision> promote() throws IOException {
    RegistryLocation location = registry.at(runner.blobEndpoint());
    ModelRegistry models = location.open();
    Aliases aliases = models.aliases();
    String challenger = version != null ? version : aliases.challenger(Aliases.ALL);
    if (challenger == null) {
      throw new InvalidInputException("registry " + models.location() + " has no challenger: train a version first, or name one with --model-version");
    }
    ModelVersion candidate = ModelVersion.load(models, challenger);
    List<String> scope = segments != null ? segments : defaultScope(candidate);
    Map<String, String> champions = new TreeMap<>();
    for (String segment : scope) {
      String champion = aliases.champion(segment) != null ? aliases.champion(segment) : aliases.champion(Aliases.ALL);
      if (champion != null) {
        champions.put(segment, champion);
      }
    }
    Map<String, ModelChoice> choices = new LinkedHashMap<>();
    choices.put(challenger, ModelChoice.of(challenger));
    champions.values().forEach(v -> choices.putIfAbsent(v, ModelChoice.of(v)));

    DatasetSchema schema = candidate.metadata().schema;
    FeatureInputs eventInputs = events.inputs();
    eventInputs.requireFor(schema, "model version " + challenger).forEach(Progress::say);
    for (String version : choices.keySet()) {
      Set<String> needed = ModelVersion.load(models, version).metadata().schema.featureNames();
      if (!schema.featureNames().containsAll(needed)) {
        throw new InvalidInputException(
            "champion " + version + " uses event features " + challenger + " does not compute (" + needed + "): promote with --force, or retrain with the same event inputs");
      }
    }
    PipelineOptions options = runner.pipelineOptions(); // sets up the file systems (azfs://) of the inputs
    CustomerInput input = CustomerInput.check(customers, schema, true).withEvents(eventInputs);
    Path work = Files.createTempDirectory("churn-promote-");
    try {
      Pipeline pipeline = Pipeline.create(options);
      EvaluatePipeline.build(pipeline, input, location, choices, work.toString());
      ReadCounts.of(RunnerOptions.runToEnd(pipeline, "comparing " + String.join(", ", choices.keySet()) + " on " + customers))
          .requireAccepted(input);
      Map<String, LabelledPredictions> predictions = new TreeMap<>();
      choices.keySet().forEach(v -> predictions.put(v, LabelledPredictions.read(work.resolve(v))));
      PromotionGate gate = new PromotionGate();
      if (aucTolerance != null) {
        gate.aucTolerance = aucTolerance;
      }
      if (minSelectionRateRatio != null) {
        gate.minSelectionRateRatio = minSelectionRateRatio;
      }
      if (minTruePositiveRateRatio != null) {
        gate.minTruePositiveRateRatio = minTruePositiveRateRatio;
      }
      List<Decision> decisions = new ArrayList<>();
      for (String segment : scope) {
        decisions.add(decide(gate, segment, challenger, champions.get(segment), predictions, candidate));
      }
      return models.updateAliases(
          current -> {
            decisions.stream()
                .filter(d -> Decision.PROMOTE.equals(d.action))
                .forEach(d -> current.promote(d.segment, d.version));
            return decisions;
          });
    } finally {
      LocalFolders.delete(work);
    }
  }

  private Decision decide(
      PromotionGate gate,
      String segment,
      String challenger,
      String champion,
      Map<String, LabelledPredictions> predictions,
      ModelVersion candidate) {
    if (challenger.equals(champion)) {
      return Decision.of(Decision.UNCHANGED, segment, challenger, null, "already the champion");
    }
    LabelledPredictions mine = predictions.get(challenger);
    int[] rows = Aliases.ALL.equals(segment) ? mine.positions(i -> true) : mine.positions(i -> mine.segments[i].equals(segment));
    Decision decision;
    if (rows.length == 0) {
      decision = Decision.of(Decision.REFUSE, segment, challenger, champion, "no labelled customers of this segment in " + customers);
    } else {
      PromotionGate.Evidence evidence = new PromotionGate.Evidence();
      evidence.segment = segment;
      evidence.challenger = challenger;
      evidence.champion = champion;
      evidence.labels = LabelledPredictions.pick(mine.labels, rows);
      evidence.challengerPredictions = LabelledPredictions.pick(mine.probabilities, rows);
      evidence.championPredictions =
          champion == null ? null : LabelledPredictions.pick(predictions.get(champion).probabilities, rows);
      evidence.groups = new LinkedHashMap<>();
      mine.groups.forEach((attribute, values) -> evidence.groups.put(attribute, LabelledPredictions.pick(values, rows)));
      evidence.threshold = candidate.metadata().thresholds.decision;
      decision = gate.decide(evidence);
    }
    if (force && Decision.REFUSE.equals(decision.action)) {
      decision.action = Decision.PROMOTE;
      decision.forced = true;
      decision.reason = "forced past the gate, which said: " + decision.reason;
    }
    return decision;
  }

  private static List<String> defaultScope(ModelVersion version) {
    List<String> scope = new ArrayList<>();
    scope.add(Aliases.ALL);
    scope.addAll(version.metadata().segments.keySet());
    return scope;
  }

  static void report(List<Decision> decisions, PrintStream out) {
    for (Decision d : decisions) {
      out.printf(
          Locale.ROOT,
          "segment %-16s %-8s %s%s: %s%n",
          d.segment,
          Decision.PROMOTE.equals(d.action) ? "promoted" : Decision.REFUSE.equals(d.action) ? "refused" : "kept",
          d.version,
          d.champion == null ? "" : " (champion " + d.champion + ")",
          d.reason);
    }
  }
}
