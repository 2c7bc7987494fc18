package dev.churn.pipelines.jobs;

import dev.churn.models.registry.Aliases;
import dev.churn.models.registry.Decision;
import dev.churn.models.registry.ModelChoice;
import dev.churn.models.registry.ModelRegistry;
import dev.churn.models.registry.ModelVersion;
import dev.churn.models.registry.PromotionGate;
import dev.churn.pipelines.input.CustomerInput;
import dev.churn.pipelines.input.FeatureInputs;
import dev.churn.pipelines.input.ReadCounts;
import dev.churn.pipelines.evaluate.EvaluatePipeline;
import dev.churn.pipelines.evaluate.LabelledPredictions;
import dev.churn.pipelines.storage.RegistryLocation;
import dev.churn.transforms.InvalidInputException;
import dev.churn.transforms.Progress;
import dev.churn.transforms.io.LocalFolders;
import dev.churn.transforms.schema.DatasetSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Passes a challenger through the promotion gate, per segment, on labelled customers that the
 * challenger and each segment's champion are both scored on, and moves the champion alias of every
 * segment that passes. Every decision is recorded with its numbers.
 */
public final class PromoteJob {
  private PromoteJob() {}

  public static final class Request {
    public Execution execution;
    public RegistryLocation registry;
    /** Labelled customers the challenger did not train on. */
    public String customers;
    /** The version to promote; null for the challenger. */
    public String version;
    /** Segments to decide for; null for {@code *} and every segment of the version. */
    public List<String> segments;
    public PromotionGate gate = new PromotionGate();
    /** Promote where the gate refuses (recorded as forced). */
    public boolean force;
    public FeatureInputs events = FeatureInputs.check(null, null, null, null);
  }

  public static List<Decision> run(Request request) {
    RegistryLocation location = request.registry;
    ModelRegistry models = location.open();
    List<String> segments = request.segments;
    Aliases aliases = models.aliases();
    String challenger = request.version != null ? request.version : aliases.challenger(Aliases.ALL);
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
    FeatureInputs eventInputs = request.events;
    eventInputs.requireFor(schema, "model version " + challenger).forEach(Progress::say);
    for (String version : choices.keySet()) {
      Set<String> needed = ModelVersion.load(models, version).metadata().schema.featureNames();
      if (!schema.featureNames().containsAll(needed)) {
        throw new InvalidInputException(
            "champion " + version + " uses event features " + challenger + " does not compute (" + needed + "): promote with --force, or retrain with the same event inputs");
      }
    }
    PipelineOptions options = request.execution.pipelineOptions("promote", location); // sets up the file systems (azfs://) of the inputs
    CustomerInput input = CustomerInput.check(request.customers, schema, true).withEvents(eventInputs);
    Path work = temporaryFolder();
    try {
      Pipeline pipeline = Pipeline.create(options);
      EvaluatePipeline.build(pipeline, input, location, choices, work.toString());
      ReadCounts.of(Execution.runToEnd(pipeline, "comparing " + String.join(", ", choices.keySet()) + " on " + request.customers))
          .requireAccepted(input);
      Map<String, LabelledPredictions> predictions = new TreeMap<>();
      choices.keySet().forEach(v -> predictions.put(v, LabelledPredictions.read(work.resolve(v))));
      List<Decision> decisions = new ArrayList<>();
      for (String segment : scope) {
        decisions.add(decide(request, segment, challenger, champions.get(segment), predictions, candidate));
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

  private static Decision decide(
      Request request,
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
      decision = Decision.of(Decision.REFUSE, segment, challenger, champion, "no labelled customers of this segment in " + request.customers);
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
      decision = request.gate.decide(evidence);
    }
    if (request.force && Decision.REFUSE.equals(decision.action)) {
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

  private static Path temporaryFolder() {
    try {
      return Files.createTempDirectory("churn-promote-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder: " + e.getMessage(), e);
    }
  }
}
