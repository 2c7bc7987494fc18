package dev.churn.pipelines.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churn.models.registry.Aliases;
import dev.churn.models.registry.Decision;
import dev.churn.models.registry.Json;
import dev.churn.models.registry.VersionMetadata;
import dev.churn.pipelines.monitor.MonitorRun;
import dev.churn.pipelines.storage.RegistryLocation;
import dev.churn.testdata.TelcoSample;
import dev.churn.transforms.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code churn demo}: the whole batch path on the IBM Telco file shipped in the jar. Splits it 80/20 by
 * class, trains on the 80 %, passes the new version through the promotion gate on the labelled 20 %,
 * scores the 20 % without its label with the champions (to CSV and an embedded H2 database), evaluates
 * on the labelled 20 % and monitors the scoring run with those labels (check rows and an HTML report);
 * then compares models with and without event features on generated customers ({@link EventDemo}); and
 * says where everything went.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Train, score and evaluate on the IBM Telco sample, end to end.")
public final class DemoCommand implements Callable<Integer> {
  @Option(names = "--output", defaultValue = "churn-demo", description = "folder for every output (default: ./${DEFAULT-VALUE})")
  Path output;

  @Option(names = "--split-seed", defaultValue = "1", description = "seed of the 80/20 split (default: ${DEFAULT-VALUE})")
  long splitSeed;

  @Mixin RunnerOptions runner;

  @Override
  public Integer call() throws Exception {
    Path out = output.toAbsolutePath().normalize();
    Progress.say("demo outputs go to " + out);
    TelcoSample.Split split = TelcoSample.split(out.resolve("input"), 0.2, splitSeed);
    Path registry = out.resolve("registry");

    VersionMetadata version =
        parse(new TrainCommand(), "--customers", split.train.toString(), "--registry", registry.toString()).train();
    List<Decision> decisions =
        parse(new PromoteCommand(), "--registry", registry.toString(), "--customers", split.holdoutLabelled.toString())
            .promote();
    // a demo shows the models it trained: where the gate refused them, it says so and uses them anyway
    boolean refused = decisions.stream().anyMatch(d -> Aliases.ALL.equals(d.segment) && Decision.REFUSE.equals(d.action));
    String[] models = refused ? new String[] {"--model-version", version.version} : new String[0];
    ScoreCommand.Outcome scored =
        parse(
                new ScoreCommand(),
                concat(
                    models,
                    "--customers", split.holdoutUnlabelled.toString(),
                    "--registry", registry.toString(),
                    "--output", out.resolve("scores").toString(),
                    "--jdbc-url", "jdbc:h2:file:" + out.resolve("churn-scores") + ";MODE=MSSQLServer",
                    "--run-id", "demo"))
            .score();
    String metrics =
        parse(
                new EvaluateCommand(),
                concat(models, "--customers", split.holdoutLabelled.toString(), "--registry", registry.toString()))
            .evaluate();
    JsonNode report = Json.MAPPER.readTree(metrics);
    MonitorRun monitored =
        parse(
                new MonitorCommand(),
                concat(
                    models,
                    "--customers", split.holdoutUnlabelled.toString(),
                    "--registry", registry.toString(),
                    "--scores", out.resolve("scores").toString(),
                    "--run-id", scored.runId,
                    "--labels", split.holdoutLabelled.toString(),
                    "--output", out.resolve("monitor").toString()))
            .monitor();
    EventDemo.Result events = EventDemo.run(out, (command, args) -> parse(command, args));

    var o = System.out;
    o.println();
    o.println("churn demo: IBM Telco customer churn, trained on 80 %, scored and evaluated on the other 20 %");
    TrainCommand.report(version, RegistryLocation.of(registry).open(), o);
    o.println("promotion gate on the labelled 20 %:");
    PromoteCommand.report(decisions, o);
    if (refused) {
      o.println("the gate refused " + version.version + " as champion of all segments: scored and evaluated with it anyway (--model-version)");
    }
    o.printf(Locale.ROOT, "scored %d hold-out customers (run %s), %d dead letters%n", scored.counts.accepted, scored.runId, scored.counts.deadLettered);
    o.printf(
        Locale.ROOT,
        "hold-out ROC AUC %.4f, PR AUC %.4f, calibration error %.4f, F1 %.3f at threshold %.3f%n",
        report.get("roc_auc").asDouble(),
        report.get("pr_auc").asDouble(),
        report.get("expected_calibration_error").asDouble(),
        report.get("f1").asDouble(),
        report.get("threshold").asDouble());
    o.printf(Locale.ROOT, "monitoring of run %s with its labels: status %s%n", monitored.runId, monitored.status);
    monitored.flagged().forEach(c -> o.printf(Locale.ROOT, "  %s %s %s: %s%n", c.status, c.check, c.subject, c.finding));
    o.println();
    EventDemo.report(events, o);
    o.println("outputs:");
    o.println("  input splits   " + split.train.getParent());
    o.println("  model registry " + registry);
    o.println("  score CSV      " + scored.scoreFiles());
    o.println("  score table    " + scored.table.table() + " in " + scored.table.displayUrl());
    o.println("  dead letters   " + scored.deadLetterFiles());
    o.println("  monitoring     " + out.resolve("monitor").resolve(MonitorRun.CHECKS_FILE));
    o.println("  report         " + out.resolve("monitor").resolve(MonitorRun.REPORT_FILE));
    o.println("  generated data " + events.data);
    return ChurnCli.OK;
  }

  /** {@code first} followed by {@code rest}. */
  static String[] concat(String[] first, String... rest) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(List.of(rest));
    return all.toArray(new String[0]);
  }

  private <T> T parse(T command, String... args) {
    return runner.parseOnSameRunner(command, args);
  }

}
