package dev.churn.pipelines.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.churn.models.registry.Json;
import dev.churn.models.registry.ModelChoice;
import dev.churn.models.registry.ModelVersion;
import dev.churn.models.registry.VersionMetadata;
import dev.churn.pipelines.CustomerInput;
import dev.churn.pipelines.ReadCounts;
import dev.churn.pipelines.StagedFiles;
import dev.churn.pipelines.monitor.LabelFile;
import dev.churn.pipelines.monitor.MonitorReport;
import dev.churn.pipelines.monitor.MonitorRun;
import dev.churn.pipelines.monitor.MonitorThresholds;
import dev.churn.pipelines.monitor.Monitoring;
import dev.churn.pipelines.monitor.Status;
import dev.churn.pipelines.score.ScoreFileLayout;
import dev.churn.pipelines.sink.MonitorTable;
import dev.churn.pipelines.sink.ScoreTable;
import dev.churn.pipelines.storage.OutputFolder;
import dev.churn.pipelines.storage.Publication;
import dev.churn.transforms.InvalidInputException;
import dev.churn.pipelines.storage.RegistryLocation;
import dev.churn.transforms.Progress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code churn monitor}: drift, data quality, accuracy (with late labels), fairness and reasons of a
 * scoring run against the training of its model version; writes check rows, a JSON summary and an HTML
 * report, and prints the status.
 */
@Command(name = "monitor", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Check a scoring run for drift, data quality, accuracy and fairness; write rows and an HTML report.")
public final class MonitorCommand implements Callable<Integer> {
  @Mixin ScoringInputOptions inputs;

  @Option(names = "--scores", required = true, description = "output folder of the scoring run (its scores-*.csv, flat or partitioned)")
  String scores;

  @Option(names = "--run-id", description = "monitor only this run's score rows (default: all rows found)")
  String runId;

  @Option(names = "--labels", description = "CSV file or glob of labels that arrived after scoring: the schema's id and label columns")
  String labels;

  @Option(names = "--output", required = true, description = "local folder or azfs:// path for monitor-checks.csv, monitor-reasons.csv, monitor.json, report.html, dead-letters/ (with --jdbc-url, the check rows also go to the table churn_monitor)")
  String output;

  @Option(names = "--auto-retrain", description = "when the status is RETRAIN: train a challenger on --retrain-customers (with the version's schema and settings) and pass it through the promotion gate on --labels")
  boolean autoRetrain;

  @Option(names = "--retrain-customers", description = "labelled customers to train the challenger on (with --auto-retrain)")
  String retrainCustomers;

  @Mixin JdbcOptions jdbc;

  @Mixin EventOptions events;

  @Mixin MonitorThresholds thresholds;

  @Mixin RunnerOptions runner;

  @Override
  public Integer call() throws IOException {
    MonitorRun run = monitor();
    ObjectNode line = Json.MAPPER.createObjectNode();
    line.put("status", run.status.name()).put("model_version", run.modelVersion).put("run_id", run.runId);
    line.put("scored", run.outcomes.overall.rows).put("labelled", run.outcomes.overall.labelled);
    line.set("flagged", Json.MAPPER.valueToTree(run.flagged().stream().map(c -> c.check + " " + c.subject + ": " + c.finding).toArray()));
    line.put("advice", run.advice).put("report", OutputFolder.normalize(output) + "/" + MonitorRun.REPORT_FILE);
    System.out.println(Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(line));
    return ChurnCli.OK;
  }

  MonitorRun monitor() throws IOException {
    if (autoRetrain && (retrainCustomers == null || labels == null)) {
      throw new InvalidInputException("--auto-retrain needs --retrain-customers (to train on) and --labels (to pass the promotion gate on)");
    }
    if (runId != null) {
      ScoreCommand.checkRunId(runId);
    }
    PipelineOptions options = runner.pipelineOptions();
    ScoreTable table = jdbc.table(MonitorTable.DEFAULT_NAME);
    RegistryLocation registry = inputs.registry(runner);
    ModelChoice models = inputs.models(registry);
    ModelVersion version = inputs.load(registry, models);
    VersionMetadata training = version.metadata();
    if (training.trainingProfile == null) {
      throw new InvalidInputException(
          "model version " + version.version() + " has no training profile (it was trained before monitoring existed): train a new version");
    }
    CustomerInput input = inputs.input(version, false, events);
    Monitoring monitoring = new Monitoring(version.version(), training, thresholds);
    monitoring.job.customers = input;
    monitoring.job.scores = ScoreFileLayout.filesIn(scores, runId);
    monitoring.job.runId = runId;
    monitoring.job.labels = labels == null ? null : LabelFile.check(labels, input.schema());
    OutputFolder folder = OutputFolder.at(output, runner.blobEndpoint().url());
    try (OutputFolder.Run published = folder.begin("monitor-" + ScoreCommand.newRunId(), null)) {
      String staging = published.staging();
      List<String> reports = List.of(MonitorRun.CHECKS_FILE, MonitorRun.REASONS_FILE, MonitorRun.SUMMARY_FILE, MonitorRun.REPORT_FILE);
      published.requireReplaceable(reports);
      monitoring.job.resultsFolder = staging + "/results";
      monitoring.job.deadLetterFolder = staging + "/dead-letters/" + published.id();
      Pipeline pipeline = Pipeline.create(options);
      monitoring.build(pipeline);
      PipelineResult result = RunnerOptions.runToEnd(pipeline, "monitoring " + String.join(", ", monitoring.job.scores) + " against " + version.version());
      MonitorRun run = monitoring.finish(result, ReadCounts.of(result));
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
      if (table != null) {
        writeRows(new MonitorTable(table), run);
        Progress.say(run.rows().size() + " monitoring rows upserted into " + table.table() + " at " + table.displayUrl());
      }
      Progress.say("monitoring status " + run.status + ": report " + folder.resolve(MonitorRun.REPORT_FILE));
      if (autoRetrain && run.status == Status.RETRAIN) {
        retrain(training);
      }
      return run;
    }
  }

  /**
   * Trains a challenger with the monitored version's schema and settings, and passes it through the
   * promotion gate.
   */
  private void retrain(VersionMetadata training) throws IOException {
    Progress.say("status RETRAIN: training a challenger on " + retrainCustomers);
    String registry = inputs.registry.location;
    Path schema = Files.createTempFile("churn-schema-", ".json");
    try {
      Files.write(schema, Json.MAPPER.writeValueAsBytes(training.schema));
      List<String> args = new ArrayList<>(List.of("--customers", retrainCustomers, "--registry", registry, "--schema", schema.toString()));
      args.addAll(TrainCommand.optionsOf(training.settings));
      args.addAll(events.arguments());
      VersionMetadata challenger = runner.parseOnSameRunner(new TrainCommand(), args.toArray(new String[0])).train();
      args = new ArrayList<>(List.of("--registry", registry, "--customers", labels, "--model-version", challenger.version));
      args.addAll(events.arguments());
      PromoteCommand.report(runner.parseOnSameRunner(new PromoteCommand(), args.toArray(new String[0])).promote(), System.err);
    } finally {
      Files.deleteIfExists(schema);
    }
  }

  private static void writeRows(MonitorTable table, MonitorRun run) {
    try {
      table.write(run.rows());
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write monitoring rows: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing monitoring rows", e);
    }
  }

  private static byte[] lines(List<String> lines) {
    return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
  }
}
