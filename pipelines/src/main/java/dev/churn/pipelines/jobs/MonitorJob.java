package dev.churn.pipelines.jobs;

import dev.churn.models.registry.Decision;
import dev.churn.models.registry.Json;
import dev.churn.models.registry.ModelChoice;
import dev.churn.models.registry.ModelVersion;
import dev.churn.models.registry.VersionMetadata;
import dev.churn.pipelines.input.CustomerInput;
import dev.churn.pipelines.input.ReadCounts;
import dev.churn.pipelines.storage.StagedFiles;
import dev.churn.pipelines.monitor.LabelFile;
import dev.churn.pipelines.monitor.MonitorReport;
import dev.churn.pipelines.monitor.MonitorRun;
import dev.churn.pipelines.monitor.MonitorThresholds;
import dev.churn.pipelines.monitor.Monitoring;
import dev.churn.pipelines.monitor.Status;
import dev.churn.pipelines.score.ScoreFileLayout;
import dev.churn.pipelines.sink.MonitorTable;
import dev.churn.pipelines.sink.ScoreTable;
import dev.churn.pipelines.sink.SqlErrors;
import dev.churn.pipelines.storage.OutputFolder;
import dev.churn.pipelines.storage.Publication;
import dev.churn.transforms.InvalidInputException;
import dev.churn.transforms.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Checks a scoring run for drift, data quality, accuracy (with late labels), fairness and reasons
 * against the training of its model version; publishes check rows, a JSON summary and an HTML report,
 * and the rows into a table when one is given. When the status is RETRAIN and it is asked to, trains a
 * challenger with the version's schema and settings and passes it through the promotion gate.
 */
public final class MonitorJob {
  private MonitorJob() {}

  public static final class Request {
    public Execution execution;
    public ScoringInputs inputs;
    /** The output folder of the scoring run. */
    public String scores;
    /** Only this run's score rows; null for all the folder's current runs. */
    public String runId;
    /** Labels that arrived after scoring; null for none. */
    public String labels;
    public String output;
    /** Null for no table. */
    public ScoreTable table;
    public MonitorThresholds thresholds = MonitorThresholds.defaults();
    /** Labelled customers to retrain on when the status is RETRAIN; null never to retrain. */
    public String retrainCustomers;
  }

  public static final class Result {
    public MonitorRun run;
    /** The report's file. */
    public String report;
    /** The promotion gate's decisions on a retrained challenger; empty when none was trained. */
    public List<Decision> retrained = List.of();
  }

  public static Result run(Request request) {
    if (request.retrainCustomers != null && request.labels == null) {
      throw new InvalidInputException("--auto-retrain needs --retrain-customers (to train on) and --labels (to pass the promotion gate on)");
    }
    if (request.runId != null) {
      ScoreJob.checkRunId(request.runId);
    }
    PipelineOptions options = request.execution.pipelineOptions("monitor", request.inputs.registry);
    options.as(ChurnOptions.class).setChurnRunId(request.runId);
    ScoringInputs inputs = request.inputs;
    ModelChoice models = inputs.models();
    ModelVersion version = inputs.load(models);
    VersionMetadata training = version.metadata();
    if (training.trainingProfile == null) {
      throw new InvalidInputException(
          "model version " + version.version() + " has no training profile (it was trained before monitoring existed): train a new version");
    }
    CustomerInput input = inputs.input(version, false);
    Monitoring monitoring = new Monitoring(version.version(), training, request.thresholds);
    monitoring.job.customers = input;
    monitoring.job.scores = ScoreFileLayout.filesIn(request.scores, request.runId);
    monitoring.job.runId = request.runId;
    monitoring.job.labels = request.labels == null ? null : LabelFile.check(request.labels, input.schema());
    OutputFolder folder = request.execution.output(request.output);
    Result result = new Result();
    try (OutputFolder.Run published = folder.begin("monitor-" + ScoreJob.newRunId(), null)) {
      String staging = published.staging();
      List<String> reports = List.of(MonitorRun.CHECKS_FILE, MonitorRun.REASONS_FILE, MonitorRun.SUMMARY_FILE, MonitorRun.REPORT_FILE);
      published.requireReplaceable(reports);
      monitoring.job.resultsFolder = staging + "/results";
      monitoring.job.deadLetterFolder = staging + "/dead-letters/" + published.id();
      Pipeline pipeline = Pipeline.create(options);
      monitoring.build(pipeline);
      PipelineResult finished = Execution.runToEnd(pipeline, "monitoring " + String.join(", ", monitoring.job.scores) + " against " + version.version());
      MonitorRun run = monitoring.finish(finished, ReadCounts.of(finished));
      StagedFiles.write(staging, MonitorRun.CHECKS_FILE, lines(run.checkLines()));
      StagedFiles.write(staging, MonitorRun.REASONS_FILE, lines(run.reasonLines()));
      StagedFiles.write(staging, MonitorRun.SUMMARY_FILE, Json.MAPPER.writeValueAsBytes(run));
      StagedFiles.write(staging, MonitorRun.REPORT_FILE, MonitorReport.html(run).getBytes(StandardCharsets.UTF_8));
      Publication publication = new Publication(published.id(), "monitor", published.runId());
      reports.forEach(file -> publication.files.put(file, file));
      publication.files.put("dead_letters", "dead-letters/" + published.id() + "/*");
      publication.details.put("monitored_run", run.runId);
      publication.details.put("status", run.status.name());
      published.publish(publication);
      if (request.table != null) {
        writeRows(new MonitorTable(request.table), run);
        Progress.say(run.rows().size() + " monitoring rows upserted into " + request.table.table() + " at " + request.table.displayUrl());
      }
      result.run = run;
      result.report = folder.resolve(MonitorRun.REPORT_FILE);
      Progress.say("monitoring status " + run.status + ": report " + result.report);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the monitoring results: " + e.getMessage(), e);
    }
    if (request.retrainCustomers != null && result.run.status == Status.RETRAIN) {
      result.retrained = retrain(request, training);
    }
    return result;
  }

  /** Trains a challenger with the monitored version's schema and settings, and passes it through the gate. */
  private static List<Decision> retrain(Request request, VersionMetadata training) {
    Progress.say("status RETRAIN: training a challenger on " + request.retrainCustomers);
    TrainJob.Request train = new TrainJob.Request();
    train.execution = request.execution;
    train.customers = request.retrainCustomers;
    train.schema = training.schema;
    train.registry = request.inputs.registry;
    train.settings = training.settings;
    train.events = request.inputs.events;
    VersionMetadata challenger = TrainJob.run(train).version;
    PromoteJob.Request promote = new PromoteJob.Request();
    promote.execution = request.execution;
    promote.registry = request.inputs.registry;
    promote.customers = request.labels;
    promote.version = challenger.version;
    promote.events = request.inputs.events;
    return PromoteJob.run(promote);
  }

  private static void writeRows(MonitorTable table, MonitorRun run) {
    try {
      table.write(run.rows());
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write monitoring rows: " + SqlErrors.describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing monitoring rows", e);
    }
  }

  private static byte[] lines(List<String> lines) {
    return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
  }
}
