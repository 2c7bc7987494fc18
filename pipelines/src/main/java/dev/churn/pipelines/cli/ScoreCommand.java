package dev.churn.pipelines.cli;

import dev.churn.models.registry.ModelChoice;
import dev.churn.pipelines.CustomerInput;
import dev.churn.pipelines.ReadCounts;
import dev.churn.pipelines.score.ScoreFileLayout;
import dev.churn.pipelines.score.ScoreFormat;
import dev.churn.pipelines.score.ScorePipeline;
import dev.churn.pipelines.sink.ScoreTable;
import dev.churn.pipelines.sink.ScoreTablePublisher;
import dev.churn.pipelines.storage.OutputFolder;
import dev.churn.pipelines.storage.OutputManifest;
import dev.churn.pipelines.storage.Publication;
import dev.churn.transforms.InvalidInputException;
import dev.churn.pipelines.storage.RegistryLocation;
import dev.churn.transforms.Progress;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
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
    Publication publication;
    ScoreTable table;

    String scoreFiles() {
      return output.resolve(publication.files.get("scores"));
    }

    String deadLetterFiles() {
      return output.resolve(publication.files.get("dead_letters"));
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
    System.out.printf("dead letters: %d (%s)%n", outcome.counts.allDeadLetters(), outcome.deadLetterFiles());
    return ChurnCli.OK;
  }

  Outcome score() {
    if (runId != null) {
      checkRunId(runId);
    }
    // first: it also sets up the file systems (azfs://) that reading the inputs needs
    var pipelineOptions = runner.pipelineOptions();
    ScoreTable scoreTable = jdbc.table(ScoreTable.DEFAULT_NAME);
    RegistryLocation registry = inputs.registry(runner);
    ModelChoice models = inputs.models(registry);
    CustomerInput input = inputs.input(inputs.load(registry, models), false, events);
    ScorePipeline.Job job = new ScorePipeline.Job();
    job.registry = registry;
    job.models = models;
    job.runId = runId != null ? runId : newRunId();
    job.scoredAt = Instant.now();
    job.table = scoreTable;
    job.layout = (partitioned ? ScoreFileLayout.partitioned() : ScoreFileLayout.flat()).in(ScoreFormat.named(format));
    if (job.table != null) {
      job.table.createIfMissing();
    }
    OutputFolder folder = OutputFolder.at(output, runner.blobEndpoint().url());
    try (OutputFolder.Run run = folder.begin(job.runId, job.table == null ? null : new ScoreTablePublisher(job.table))) {
      job.outputFolder = run.staging();
      job.publication = run.id();
      warnOfForeignFiles(run);
      Pipeline pipeline = Pipeline.create(pipelineOptions);
      ScorePipeline.build(pipeline, input, job);
      PipelineResult result = RunnerOptions.runToEnd(pipeline, "scoring " + inputs.customers + " with " + models);
      ReadCounts counts = ReadCounts.of(result);
      Progress.say(counts.summary());
      counts.requireAccepted(input);
      Publication publication = job.layout.publication(run.id(), job.runId, job.scoredAt);
      publication.details.put("scored", counts.accepted);
      publication.details.put("dead_letters", counts.allDeadLetters());
      publication.details.put("model_version", models.toString());
      run.publish(publication);
      Outcome outcome = new Outcome();
      outcome.runId = job.runId;
      outcome.models = models;
      outcome.counts = counts;
      outcome.output = folder;
      outcome.publication = publication;
      outcome.table = job.table;
      return outcome;
    }
  }

  /** Files that look like score files but that churn did not write are left alone; readers should know. */
  private static void warnOfForeignFiles(OutputFolder.Run run) {
    List<String> foreign = new ArrayList<>(run.foreignFiles("scores-*"));
    foreign.addAll(run.foreignFiles("dead-letters-*"));
    if (!foreign.isEmpty()) {
      Progress.say("warning: the output folder holds " + foreign.size() + " file(s) named like score files that churn did not write ("
          + foreign.stream().limit(3).map(f -> f.substring(f.lastIndexOf('/') + 1)).collect(Collectors.joining(", ")) + (foreign.size() > 3 ? ", ..." : "")
          + "): they are left as they are; read this run's files through " + OutputManifest.NAME);
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
