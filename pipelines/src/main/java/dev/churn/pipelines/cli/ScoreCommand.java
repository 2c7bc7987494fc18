package dev.churn.pipelines.cli;

import dev.churn.models.registry.ModelChoice;
import dev.churn.pipelines.CustomerInput;
import dev.churn.pipelines.ReadCounts;
import dev.churn.pipelines.score.ScoreFileLayout;
import dev.churn.pipelines.score.ScoreFormat;
import dev.churn.pipelines.score.ScorePipeline;
import dev.churn.pipelines.sink.ScoreTable;
import dev.churn.pipelines.storage.OutputFolder;
import dev.churn.transforms.InvalidInputException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.joda.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code churn score}: scores customers with a registered version and writes score rows. */
@Command(name = "score", mixinStandardHelpOptions = true, description = "Score customers and write score rows with reasons.")
public final class ScoreCommand implements Callable<Integer> {
  @Mixin ScoringInputOptions inputs;

  @Mixin EventOptions events;

  @Option(names = "--output", required = true, description = "local folder or azfs://ACCOUNT/CONTAINER/path for scores-*.csv and dead-letters-*.jsonl")
  String output;

  @Option(names = "--partitioned", description = "write scores/run_date=YYYY-MM-DD/segment=NAME/scores-RUN-*.csv (or .parquet) and keep other runs' files")
  boolean partitioned;

  @Option(names = "--format", defaultValue = "csv", description = "score files as csv or parquet (default: ${DEFAULT-VALUE})")
  String format;

  @Option(names = "--run-id", description = "id of this run; the same id again replaces its rows (default: a new id)")
  String runId;

  @Mixin JdbcOptions jdbc;

  @Mixin RunnerOptions runner;

  /** What a scoring run did. */
  static final class Outcome {
    String runId;
    ModelChoice models;
    ReadCounts counts;
    OutputFolder output;
    ScoreFileLayout layout;
    ScoreTable table;

    String scoreFiles() {
      return output.resolve(layout.describe());
    }
  }

  @Override
  public Integer call() {
    Outcome outcome = score();
    System.out.printf("run %s scored %d customers with model version %s%n", outcome.runId, outcome.counts.accepted, outcome.models);
    System.out.printf("scores: %s%n", outcome.scoreFiles());
    if (outcome.table != null) {
      System.out.printf("scores table: %s in %s%n", outcome.table.table(), outcome.table.displayUrl());
    }
    System.out.printf("dead letters: %d (%s)%n", outcome.counts.allDeadLetters(), outcome.output.resolve("dead-letters-*.jsonl"));
    return ChurnCli.OK;
  }

  Outcome score() {
    if (runId != null) {
      checkRunId(runId);
    }
    // first: it also sets up the file systems (azfs://) that reading the inputs needs
    var pipelineOptions = runner.pipelineOptions();
    ScoreTable scoreTable = jdbc.table(ScoreTable.DEFAULT_NAME);
    ModelChoice models = inputs.models();
    CustomerInput input = inputs.input(inputs.load(models), false, events);
    ScorePipeline.Job job = new ScorePipeline.Job();
    job.registry = inputs.registry().location();
    job.models = models;
    job.runId = runId != null ? runId : newRunId();
    job.scoredAt = Instant.now();
    job.table = scoreTable;
    job.layout = (partitioned ? ScoreFileLayout.partitioned() : ScoreFileLayout.flat()).in(ScoreFormat.named(format));
    if (job.table != null) {
      job.table.createIfMissing();
    }
    OutputFolder folder = new OutputFolder(output, job.runId);
    job.outputFolder = folder.stage();
    try {
      Pipeline pipeline = Pipeline.create(pipelineOptions);
      ScorePipeline.build(pipeline, input, job);
      PipelineResult result = RunnerOptions.runToEnd(pipeline, "scoring " + inputs.customers + " with " + models);
      ReadCounts counts = ReadCounts.of(result);
      Progress.say(counts.summary());
      counts.requireAccepted(input);
      List<String> published = new ArrayList<>(job.layout.publishedPatterns(job.runId));
      published.add("dead-letters-*");
      folder.publish(published);
      Outcome outcome = new Outcome();
      outcome.runId = job.runId;
      outcome.models = models;
      outcome.counts = counts;
      outcome.output = folder;
      outcome.layout = job.layout;
      outcome.table = job.table;
      return outcome;
    } finally {
      folder.discard();
    }
  }

  /** Returns a run id given by the user, or refuses it. */
  static String checkRunId(String runId) {
    if (!runId.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
      throw new InvalidInputException(
          "--run-id '" + runId + "': use up to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    return runId;
  }

  static String newRunId() {
    return DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(java.time.Instant.now())
        + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
