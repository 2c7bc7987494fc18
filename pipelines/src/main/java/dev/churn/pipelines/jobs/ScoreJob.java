package dev.churn.pipelines.jobs;

import dev.churn.models.registry.ModelChoice;
import dev.churn.pipelines.input.CustomerInput;
import dev.churn.pipelines.input.ReadCounts;
import dev.churn.pipelines.score.ScoreFileLayout;
import dev.churn.pipelines.score.ScorePipeline;
import dev.churn.pipelines.sink.ScoreTable;
import dev.churn.pipelines.sink.ScoreTablePublisher;
import dev.churn.pipelines.storage.OutputFolder;
import dev.churn.pipelines.storage.OutputManifest;
import dev.churn.pipelines.storage.Publication;
import dev.churn.transforms.InvalidInputException;
import dev.churn.transforms.Progress;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.joda.time.Instant;

/**
 * Scores customers with the champions (or one version) and publishes the run: score files and dead
 * letters in the output folder, and the rows in a table when one is given, all or nothing
 * ({@link OutputFolder}).
 */
public final class ScoreJob {
  private ScoreJob() {}

  /** What to score, with which models, and where the scores go. */
  public static final class Request {
    public Execution execution;
    public ScoringInputs inputs;
    /** A local folder or azfs:// path. */
    public String output;
    public ScoreFileLayout layout = ScoreFileLayout.flat();
    /** Null for a new run id. */
    public String runId;
    /** Null for files only. */
    public ScoreTable table;
  }

  /** What a scoring run did. */
  public static final class Result {
    public String runId;
    public ModelChoice models;
    public ReadCounts counts;
    public OutputFolder output;
    public Publication publication;
    /** Null without a table. */
    public ScoreTable table;

    /** The run's score files, as a pattern. */
    public String scoreFiles() {
      return output.resolve(publication.files.get(ScoreFileLayout.SCORES));
    }

    /** The run's dead-letter files, as a pattern. */
    public String deadLetterFiles() {
      return output.resolve(publication.files.get(ScoreFileLayout.DEAD_LETTERS));
    }
  }

  public static Result run(Request request) {
    String runId = request.runId != null ? checkRunId(request.runId) : newRunId();
    // first: it also sets up the file systems (azfs://) that reading the inputs needs
    PipelineOptions options = request.execution.pipelineOptions("score", request.inputs.registry);
    options.as(ChurnOptions.class).setChurnRunId(runId);
    ScoringInputs inputs = request.inputs;
    ModelChoice models = inputs.models();
    CustomerInput input = inputs.input(inputs.load(models), false);
    ScorePipeline.Job job = new ScorePipeline.Job();
    job.registry = inputs.registry;
    job.models = models;
    job.runId = runId;
    job.scoredAt = Instant.now();
    job.table = request.table;
    job.layout = request.layout;
    if (job.table != null) {
      job.table.createIfMissing();
    }
    OutputFolder folder = request.execution.output(request.output);
    try (OutputFolder.Run run = folder.begin(runId, job.table == null ? null : new ScoreTablePublisher(job.table))) {
      job.outputFolder = run.staging();
      job.publication = run.id();
      warnOfForeignFiles(run);
      Pipeline pipeline = Pipeline.create(options);
      ScorePipeline.build(pipeline, input, job);
      PipelineResult result = Execution.runToEnd(pipeline, "scoring " + inputs.customers + " with " + models);
      ReadCounts counts = ReadCounts.of(result);
      Progress.say(counts.summary());
      counts.requireAccepted(input);
      Publication publication = job.layout.publication(run.id(), runId, job.scoredAt);
      publication.details.put("scored", counts.accepted);
      publication.details.put("dead_letters", counts.allDeadLetters());
      publication.details.put("model_version", models.toString());
      run.publish(publication);
      Result outcome = new Result();
      outcome.runId = runId;
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
  public static String checkRunId(String runId) {
    if (!runId.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
      throw new InvalidInputException(
          "--run-id '" + runId + "': use up to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    return runId;
  }

  /** A new run id: the time in UTC and a random part. */
  public static String newRunId() {
    return DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(java.time.Instant.now())
        + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
