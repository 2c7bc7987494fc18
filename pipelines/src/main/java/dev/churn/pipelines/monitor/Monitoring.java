package dev.churn.pipelines.monitor;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.churn.models.registry.Json;
import dev.churn.models.registry.VersionMetadata;
import dev.churn.pipelines.input.ReadCounts;
import dev.churn.transforms.InvalidInputException;
import dev.churn.transforms.io.InputFiles;
import dev.churn.transforms.monitor.FeatureProfile;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * One monitoring run from start to end: sets up {@link MonitorPipeline} against a model version's
 * training, then reads what it wrote and the counters it kept, and decides the checks.
 */
public final class Monitoring {
  public final MonitorPipeline.Job job = new MonitorPipeline.Job();
  private final String version;
  private final VersionMetadata training;
  private final MonitorThresholds thresholds;

  /** @param version the model version whose training the run is compared with */
  public Monitoring(String version, VersionMetadata training, MonitorThresholds thresholds) {
    this.version = version;
    this.training = training;
    this.thresholds = thresholds;
    job.trainingFeatures = training.trainingProfile.features;
    job.trainingPredictions = training.trainingProfile.predictions;
    job.decisionThreshold = training.thresholds.decision;
  }

  /** Adds the monitoring pipeline to {@code pipeline}; the job's fields must be set. */
  public void build(Pipeline pipeline) {
    MonitorPipeline.build(pipeline, job);
  }

  /** The checks and statuses of the finished pipeline. */
  public MonitorRun finish(PipelineResult result, ReadCounts customers) throws IOException {
    FeatureProfile features = read(MonitorPipeline.FEATURES, new TypeReference<FeatureProfile>() {});
    if (features == null) {
      features = training.trainingProfile.features.emptyCopy();
    }
    OutcomeStats outcomes = read(MonitorPipeline.OUTCOMES, new TypeReference<OutcomeStats>() {});
    if (outcomes.overall.rows == 0) {
      throw new InvalidInputException(
          "no score rows" + (job.runId == null ? "" : " of run " + job.runId) + " in " + String.join(", ", job.scores) + " for the customers of "
              + job.customers.pattern());
    }
    List<Map<String, Object>> highestRisk = read(MonitorPipeline.HIGHEST_RISK, new TypeReference<List<Map<String, Object>>>() {});

    MonitorChecks.RunCounts counts = new MonitorChecks.RunCounts();
    counts.customersRead = customers.read;
    counts.customerDeadLetters = customers.allDeadLetters();
    counts.scoreDeadLetters = counter(result, KeyedLineParser.deadLetterCounter(MonitorPipeline.SCORES));
    counts.labelDeadLetters = counter(result, KeyedLineParser.deadLetterCounter(MonitorPipeline.LABELS));
    counts.customersNotScored = counter(result, JoinOutcomesFn.NOT_SCORED);
    counts.scoresWithoutCustomer = counter(result, JoinOutcomesFn.WITHOUT_CUSTOMER);
    counts.labelsWithoutScore = counter(result, JoinOutcomesFn.LABELS_NOT_SCORED);
    counts.customersWithConflictingLabels = counter(result, JoinOutcomesFn.LABELS_CONFLICTING);
    counts.customersScoredTwice = counter(result, JoinOutcomesFn.SCORED_TWICE);

    MonitorRun run = new MonitorRun();
    run.training = training;
    run.thresholds = thresholds;
    run.monitoredAt = Instant.now().toString();
    run.modelVersion = version;
    run.runId = job.runId != null ? job.runId : String.join("+", outcomes.runIds.keySet());
    run.labelled = job.labels != null;
    run.counts = counts;
    run.features = features;
    run.outcomes = outcomes;
    run.highestRisk = highestRisk;
    run.checks = new MonitorChecks(thresholds, training).evaluate(features, outcomes, counts, run.labelled);
    run.status = MonitorChecks.overall(run.checks);
    run.advice = MonitorRun.advice(run.status, run.checks);
    return run;
  }

  private static long counter(PipelineResult result, String name) {
    return ReadCounts.counter(result, MonitorPipeline.METRICS, name);
  }

  /** A result file the pipeline wrote, or null when it wrote none (no rows to combine). */
  private <T> T read(String name, TypeReference<T> type) throws IOException {
    String file = job.resultsFolder + "/" + name;
    MatchResult match = FileSystems.match(file, EmptyMatchTreatment.ALLOW);
    if (match.status() != MatchResult.Status.OK || match.metadata().isEmpty()) {
      return null;
    }
    try (InputStream in = InputFiles.open(file)) {
      return Json.MAPPER.readValue(in, type);
    }
  }
}
