package dev.churn.pipelines.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churn.models.registry.VersionMetadata;
import dev.churn.pipelines.jobs.DemoJob;
import dev.churn.pipelines.jobs.EventComparison;
import dev.churn.pipelines.monitor.MonitorRun;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code churn demo}: the whole path on the IBM Telco sample and generated events ({@link DemoJob}); says where everything went. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Train, score and evaluate on the IBM Telco sample, end to end.")
public final class DemoCommand implements Callable<Integer> {
  @Option(names = "--output", defaultValue = "churn-demo", description = "folder for every output (default: ./${DEFAULT-VALUE})")
  Path output;

  @Option(names = "--split-seed", defaultValue = "1", description = "seed of the 80/20 split (default: ${DEFAULT-VALUE})")
  long splitSeed;

  @Mixin RunnerOptions runner;

  @Override
  public Integer call() {
    DemoJob.Result demo = DemoJob.run(runner.execution(), output, splitSeed);
    VersionMetadata version = demo.trained.version;
    PrintStream o = System.out;
    o.println();
    o.println("churn demo: IBM Telco customer churn, trained on 80 %, scored and evaluated on the other 20 %");
    TrainCommand.report(version, demo.trained.registry, o);
    o.println("promotion gate on the labelled 20 %:");
    PromoteCommand.report(demo.decisions, o);
    if (demo.refused) {
      o.println("the gate refused " + version.version + " as champion of all segments: scored and evaluated with it anyway (--model-version)");
    }
    o.printf(Locale.ROOT, "scored %d hold-out customers (run %s), %d dead letters%n", demo.scored.counts.accepted, demo.scored.runId, demo.scored.counts.deadLettered);
    o.printf(
        Locale.ROOT,
        "hold-out ROC AUC %.4f, PR AUC %.4f, calibration error %.4f, F1 %.3f at threshold %.3f%n",
        demo.evaluated.metric("roc_auc"),
        demo.evaluated.metric("pr_auc"),
        demo.evaluated.metric("expected_calibration_error"),
        demo.evaluated.metric("f1"),
        demo.evaluated.metric("threshold"));
    MonitorRun monitored = demo.monitored.run;
    o.printf(Locale.ROOT, "monitoring of run %s with its labels: status %s%n", monitored.runId, monitored.status);
    monitored.flagged().forEach(c -> o.printf(Locale.ROOT, "  %s %s %s: %s%n", c.status, c.check, c.subject, c.finding));
    o.println("online: churn serve at " + demo.endpoint + " (started for the demo, now stopped) answered POST /v1/score for two hold-out customers:");
    o.println("  " + demo.onlineAnswer);
    o.println("  its page (GET /) showed the highest-risk customers of " + pageSummary(demo.riskAnswer));
    o.println("  to open the page: ./churn serve --registry " + demo.registry + (demo.refused ? " --model-version " + version.version : "")
        + " --scores-jdbc-url '" + demo.scored.table.url() + "', then http://127.0.0.1:8080/ in a browser");
    o.println();
    report(demo.events, o);
    Path monitor = demo.output.resolve("monitor");
    o.println("outputs:");
    o.println("  input splits   " + demo.split.train.getParent());
    o.println("  model registry " + demo.registry);
    o.println("  score CSV      " + demo.scored.scoreFiles());
    o.println("  score table    " + demo.scored.table.table() + " in " + demo.scored.table.displayUrl());
    o.println("  dead letters   " + demo.scored.deadLetterFiles());
    o.println("  monitoring     " + monitor.resolve(MonitorRun.CHECKS_FILE));
    o.println("  report         " + monitor.resolve(MonitorRun.REPORT_FILE));
    o.println("  generated data " + demo.events.data);
    return ChurnCli.OK;
  }

  /** The page summary's source, then a line per segment with its riskiest customer. */
  private static String pageSummary(String riskAnswer) {
    JsonNode risk;
    try {
      risk = new ObjectMapper().readTree(riskAnswer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    StringBuilder lines = new StringBuilder(risk.get("source").asText()).append(':');
    for (JsonNode segment : risk.get("segments")) {
      JsonNode riskiest = segment.get("highest").get(0);
      lines.append(String.format(Locale.ROOT, "%n    %-16s %,5d customers, %,4d at high risk; the riskiest %s at %.3f: %s", segment.get("segment").asText(),
          segment.get("customers").asLong(), segment.get("high_risk").asLong(), riskiest.get("customer_id").asText(),
          riskiest.get("churn_probability").asDouble(), riskiest.get("reasons").get(0).asText()));
    }
    return lines.toString();
  }

  private static void report(EventComparison.Result result, PrintStream o) {
    o.printf(
        Locale.ROOT,
        "event features on %,d generated customers (%s): hold-out ROC AUC %.4f with interactions and telemetry, %.4f with customer attributes only%n",
        EventComparison.CUSTOMERS,
        result.data,
        result.aucWithEvents,
        result.aucAttributesOnly);
    o.println("  most important inputs: "
        + result.withEvents.global.importance.keySet().stream().limit(6).collect(Collectors.joining(", ")));
  }
}
