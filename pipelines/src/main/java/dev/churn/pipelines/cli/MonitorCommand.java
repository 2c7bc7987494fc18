package dev.churn.pipelines.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.churn.models.registry.Json;
import dev.churn.pipelines.jobs.MonitorJob;
import dev.churn.pipelines.jobs.ScoreJob;
import dev.churn.pipelines.monitor.MonitorRun;
import dev.churn.pipelines.monitor.MonitorThresholds;
import dev.churn.pipelines.monitor.Status;
import dev.churn.pipelines.sink.MonitorTable;
import dev.churn.transforms.InvalidInputException;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.Callable;
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

  @Option(
      names = "--fail-on",
      description = "exit with status 3 when the run's status is this or worse, after writing every output: warn or retrain (default: exit 0 whatever the status)")
  String failOn;

  @Mixin JdbcOptions jdbc;

  @Mixin EventOptions events;

  @Mixin MonitorThresholds thresholds;

  @Mixin RunnerOptions runner;

  @Override
  public Integer call() throws IOException {
    MonitorJob.Result monitored = MonitorJob.run(request());
    MonitorRun run = monitored.run;
    if (!monitored.retrained.isEmpty()) {
      PromoteCommand.report(monitored.retrained, System.err);
    }
    ObjectNode line = Json.MAPPER.createObjectNode();
    line.put("status", run.status.name()).put("model_version", run.modelVersion).put("run_id", run.runId);
    line.put("scored", run.outcomes.overall.rows).put("labelled", run.outcomes.overall.labelled);
    line.set("flagged", Json.MAPPER.valueToTree(run.flagged().stream().map(c -> c.check + " " + c.subject + ": " + c.finding).toArray()));
    line.put("advice", run.advice).put("report", monitored.report);
    System.out.println(Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(line));
    Status limit = failOnStatus();
    return limit != null && run.status.compareTo(limit) >= 0 ? ChurnCli.FLAGGED : ChurnCli.OK;
  }

  /** The status {@code --fail-on} names, or null. */
  private Status failOnStatus() {
    if (failOn == null) {
      return null;
    }
    switch (failOn.toLowerCase(Locale.ROOT)) {
      case "warn":
        return Status.WARN;
      case "retrain":
        return Status.RETRAIN;
      default:
        throw new InvalidInputException("--fail-on " + failOn + ": use warn or retrain");
    }
  }

  MonitorJob.Request request() {
    failOnStatus();
    if (autoRetrain && (retrainCustomers == null || labels == null)) {
      throw new InvalidInputException("--auto-retrain needs --retrain-customers (to train on) and --labels (to pass the promotion gate on)");
    }
    MonitorJob.Request request = new MonitorJob.Request();
    if (runId != null) {
      ScoreJob.checkRunId(runId);
    }
    request.runId = runId;
    request.execution = runner.execution();
    request.table = jdbc.table(MonitorTable.DEFAULT_NAME);
    request.inputs = inputs.inputs(runner, events);
    request.scores = scores;
    request.labels = labels;
    request.output = output;
    request.thresholds = thresholds;
    request.retrainCustomers = autoRetrain ? retrainCustomers : null;
    return request;
  }
}
