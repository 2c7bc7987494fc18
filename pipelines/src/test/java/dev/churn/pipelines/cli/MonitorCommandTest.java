package dev.churn.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churn.models.registry.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code churn monitor} on generated customers: a model trained on one sample, then a clean re-sample
 * (another seed) and a sample with planted drift ({@code MonthlyCharges} shifted by 20, the churn odds
 * of GB tripled), each scored and monitored with its labels.
 */
public class MonitorCommandTest {
  @ClassRule public static final TemporaryFolder FOLDER = new TemporaryFolder();

  private static Path root;
  private static JsonNode clean;
  private static JsonNode drifted;

  @BeforeClass
  public static void trainScoreAndMonitor() throws Exception {
    root = FOLDER.getRoot().toPath();
    generate("train", "--seed", "1");
    generate("clean", "--seed", "2");
    generate("drifted", "--seed", "3", "--shift", "MonthlyCharges=20", "--churn-odds", "GB=3");
    Cli train = Cli.run("train", "--customers", file("train"), "--schema", root.resolve("train/customers.schema.yaml").toString(),
        "--registry", root.resolve("registry").toString(), "--candidates", "logistic", "--folds", "3", "--min-segment-rows", "300");
    assertThat(train.err, train.exitCode, equalTo(0));
    clean = scoreAndMonitor("clean");
    drifted = scoreAndMonitor("drifted");
  }

  private static void generate(String name, String... options) {
    List<String> args = new java.util.ArrayList<>(List.of("generate", "--customers", "2000", "--countries", "3",
        "--telemetry-days", "1", "--readings-per-day", "1", "--out", root.resolve(name).toString()));
    args.addAll(List.of(options));
    Cli generated = Cli.run(args.toArray(new String[0]));
    assertThat(generated.err, generated.exitCode, equalTo(0));
  }

  private static String file(String name) {
    return root.resolve(name + "/customers.csv").toString();
  }

  private static JsonNode scoreAndMonitor(String name) throws Exception {
    String registry = root.resolve("registry").toString();
    Cli score = Cli.run("score", "--customers", file(name), "--registry", registry, "--model-version", "v0001",
        "--output", root.resolve(name + "-scores").toString(), "--run-id", name);
    assertThat(score.err, score.exitCode, equalTo(0));
    Cli monitor = Cli.run("monitor", "--customers", file(name), "--registry", registry, "--model-version", "v0001",
        "--scores", root.resolve(name + "-scores").toString(), "--labels", file(name), "--output", root.resolve(name + "-monitor").toString());
    assertThat(monitor.err, monitor.exitCode, equalTo(0));
    return Json.MAPPER.readTree(root.resolve(name + "-monitor/monitor.json").toFile());
  }

  /** The dead letters a monitoring run wrote to the files whose names start with {@code prefix}. */
  private static List<String> deadLetters(Path output, String prefix) throws java.io.IOException {
    List<String> lines = new java.util.ArrayList<>();
    try (var files = Files.walk(output.resolve("dead-letters"))) {
      for (Path f : (Iterable<Path>) files.filter(f -> f.getFileName().toString().startsWith(prefix))::iterator) {
        lines.addAll(Files.readAllLines(f));
      }
    }
    return lines;
  }

  /** The subjects of the flagged checks of one kind. */
  private static Set<String> flagged(JsonNode run, String check) {
    Set<String> subjects = new TreeSet<>();
    run.get("checks").forEach(c -> {
      if (c.get("check").asText().equals(check) && !c.get("status").asText().equals("OK")) {
        subjects.add(c.get("subject").asText());
      }
    });
    return subjects;
  }

  @Test
  public void failOnExitsWithStatus3WhenTheRunReachesTheLevelAfterWritingItsOutputs() throws Exception {
    assertThat(drifted.get("status").asText(), equalTo("RETRAIN"));
    String registry = root.resolve("registry").toString();
    for (String level : List.of("warn", "retrain")) {
      Path output = root.resolve("drifted-fail-on-" + level);
      Cli monitor = Cli.run("monitor", "--customers", file("drifted"), "--registry", registry, "--model-version", "v0001",
          "--scores", root.resolve("drifted-scores").toString(), "--output", output.toString(), "--fail-on", level);
      assertThat(monitor.err, monitor.exitCode, equalTo(ChurnCli.FLAGGED));
      assertThat(monitor.out, containsString("\"status\":\"RETRAIN\""));
      assertThat(Files.exists(output.resolve("monitor.json")), equalTo(true));
    }
    Cli bad = Cli.run("monitor", "--customers", file("clean"), "--registry", registry, "--scores", root.resolve("clean-scores").toString(),
        "--output", root.resolve("never").toString(), "--fail-on", "sometimes");
    assertThat(bad.exitCode, equalTo(ChurnCli.BAD_INPUT));
    assertThat(bad.lastErrorLine(), equalTo("churn: --fail-on sometimes: use warn or retrain"));
  }

  @Test
  public void aCleanResampleWithFailOnWarnExitsWith0() {
    assertThat(clean.get("status").asText(), equalTo("OK"));
    Cli monitor = Cli.run("monitor", "--customers", file("clean"), "--registry", root.resolve("registry").toString(), "--model-version", "v0001",
        "--scores", root.resolve("clean-scores").toString(), "--output", root.resolve("clean-fail-on").toString(), "--fail-on", "warn");
    assertThat(monitor.err, monitor.exitCode, equalTo(ChurnCli.OK));
  }

  @Test
  public void aCleanResampleOfTheTrainingDataIsNotFlagged() {
    List<String> findings = new java.util.ArrayList<>();
    clean.get("checks").forEach(c -> {
      if (!c.get("status").asText().equals("OK")) {
        findings.add(c.get("check").asText() + " " + c.get("subject").asText() + ": " + c.get("finding").asText());
      }
    });
    assertThat(findings, empty());
    assertThat(clean.get("status").asText(), equalTo("OK"));
    assertThat(clean.at("/outcomes/overall/rows").asLong(), equalTo(2000L));
    assertThat(clean.at("/outcomes/overall/labelled").asLong(), equalTo(2000L));
  }

  @Test
  public void thePlantedShiftIsTheOnlyDriftedInputAndThePlantedSegmentTheOnlyChangedChurnRate() {
    assertThat(flagged(drifted, "feature_drift"), equalTo(Set.of("MonthlyCharges")));
    assertThat(flagged(drifted, "data_quality"), equalTo(Set.of("MonthlyCharges")));
    assertThat(flagged(drifted, "churn_rate"), equalTo(Set.of("GB")));
    assertThat(drifted.get("status").asText(), equalTo("RETRAIN"));
    JsonNode monthly = check(drifted, "feature_drift", "MonthlyCharges");
    assertThat(monthly.at("/values/psi").asDouble(), greaterThan(0.25));
    // a 20 shift pushes the customers above the training maximum out of range
    assertThat(check(drifted, "data_quality", "MonthlyCharges").at("/values/out_of_range_share").asDouble(), greaterThan(0.05));
    JsonNode gb = check(drifted, "churn_rate", "GB");
    assertThat(gb.at("/values/churn_rate").asDouble() - gb.at("/training/churn_rate").asDouble(), greaterThan(0.1));
  }

  private static JsonNode check(JsonNode run, String check, String subject) {
    for (JsonNode c : run.get("checks")) {
      if (c.get("check").asText().equals(check) && c.get("subject").asText().equals(subject)) {
        return c;
      }
    }
    throw new AssertionError("no check " + check + " of " + subject);
  }

  @Test
  public void writesCheckRowsReasonsAndAReportForBiTools() throws Exception {
    Path out = root.resolve("drifted-monitor");
    List<String> rows = Files.readAllLines(out.resolve("monitor-checks.csv"));
    assertThat(rows.get(0), equalTo("run_id,monitored_at,model_version,check_name,subject,metric,metric_value,training_value,status,finding"));
    assertThat(rows, hasItem(startsWith("drifted,")));
    assertThat(rows.stream().filter(r -> r.contains(",feature_drift,MonthlyCharges,psi,") && r.contains(",RETRAIN,")).count(), equalTo(1L));
    List<String> reasons = Files.readAllLines(out.resolve("monitor-reasons.csv"));
    assertThat(reasons.get(0), equalTo("run_id,monitored_at,segment,reason,customers,share"));
    assertThat(reasons.stream().filter(r -> r.startsWith("drifted,") && r.contains(",all,")).count(), greaterThan(2L));
    String report = Files.readString(out.resolve("report.html"));
    for (String section : List.of("status", "risk-by-segment", "highest-risk", "reasons", "accuracy", "drift", "data-quality", "fairness")) {
      assertThat(report, containsString("<section id='" + section + "'>"));
    }
    assertThat(report, containsString("Status: RETRAIN"));
    assertThat(report, containsString("<svg class='chart'"));
    assertThat(report.contains("http://") && !report.contains("xmlns='http://www.w3.org/2000/svg'"), equalTo(false));
  }

  @Test
  public void checkRowsAreUpsertedIntoATableOncePerRun() throws Exception {
    String url = "jdbc:h2:file:" + root.resolve("monitoring") + ";MODE=MSSQLServer";
    Path out = root.resolve("jdbc-monitor");
    for (int run = 0; run < 2; run++) {
      Cli monitor = Cli.run("monitor", "--customers", file("clean"), "--registry", root.resolve("registry").toString(),
          "--model-version", "v0001", "--scores", root.resolve("clean-scores").toString(), "--output", out.toString(),
          "--jdbc-url", url);
      assertThat(monitor.err, monitor.exitCode, equalTo(0));
    }
    long csvRows = Files.readAllLines(out.resolve("monitor-checks.csv")).size() - 1;
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(url);
        java.sql.ResultSet r = c.createStatement().executeQuery(
            "SELECT COUNT(*), COUNT(DISTINCT run_id), SUM(CASE WHEN check_name = 'feature_drift' AND metric = 'psi' THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN metric_value IS NULL THEN 1 ELSE 0 END) FROM churn_monitor")) {
      r.next();
      assertThat(r.getLong(1), equalTo(csvRows));
      assertThat(r.getLong(2), equalTo(1L));
      assertThat(r.getLong(3), equalTo(20L)); // 3 numeric and 17 categorical inputs
      // without labels nothing is unmeasurable: no NaN became NULL
      assertThat(r.getLong(4), equalTo(0L));
    }
  }

  @Test
  public void autoRetrainTrainsAChallengerTheSameWayOnlyWhenTheStatusIsRetrain() throws Exception {
    Path registry = root.resolve("retrain-registry");
    Cli train = Cli.run("train", "--customers", file("train"), "--schema", root.resolve("train/customers.schema.yaml").toString(),
        "--registry", registry.toString(), "--candidates", "logistic", "--folds", "3", "--min-segment-rows", "300");
    assertThat(train.err, train.exitCode, equalTo(0));
    for (String run : List.of("clean", "drifted")) {
      Cli monitor = Cli.run("monitor", "--customers", file(run), "--registry", registry.toString(), "--model-version", "v0001",
          "--scores", root.resolve(run + "-scores").toString(), "--labels", file(run), "--output", root.resolve(run + "-retrain").toString(),
          "--auto-retrain", "--retrain-customers", file(run));
      assertThat(monitor.err, monitor.exitCode, equalTo(0));
      assertThat(Files.exists(registry.resolve("versions/v0002")), equalTo(run.equals("drifted")));
    }
    JsonNode challenger = Json.MAPPER.readTree(registry.resolve("versions/v0002/metadata.json").toFile());
    assertThat(challenger.at("/trainingData/files/0").asText(), containsString("drifted"));
    assertThat(challenger.at("/settings/folds").asInt(), equalTo(3));
    assertThat(challenger.at("/settings/candidates").size(), equalTo(1));
    assertThat(challenger.at("/trainingProfile/features/rows").asLong(), equalTo(2000L));
    Cli history = Cli.run("models", "history", "--registry", registry.toString());
    assertThat(history.out, containsString("v0002"));
  }

  @Test
  public void aLabelsFileWithoutTheLabelColumnIsRefusedNamingIt() throws Exception {
    Path labels = root.resolve("labels.csv");
    Files.writeString(labels, "customerID,churned\nG0000001,Yes\n");
    Cli monitor = Cli.run("monitor", "--customers", file("clean"), "--registry", root.resolve("registry").toString(),
        "--model-version", "v0001", "--scores", root.resolve("clean-scores").toString(), "--labels", labels.toString(),
        "--output", root.resolve("bad-monitor").toString());
    assertThat(monitor.exitCode, equalTo(2));
    assertThat(monitor.lastErrorLine(), containsString(labels.toString()));
    assertThat(monitor.lastErrorLine(), containsString("'Churn'"));
  }

  @Test
  public void aRunIdWithoutScoresIsRefusedAndNothingIsWritten() {
    Path out = root.resolve("no-run-monitor");
    Cli monitor = Cli.run("monitor", "--customers", file("clean"), "--registry", root.resolve("registry").toString(),
        "--model-version", "v0001", "--scores", root.resolve("clean-scores").toString(), "--run-id", "nightly-7",
        "--output", out.toString());
    assertThat(monitor.exitCode, equalTo(2));
    assertThat(monitor.lastErrorLine(), containsString("no scoring run 'nightly-7' in " + root.resolve("clean-scores") + " (it holds clean)"));
    assertThat("nothing written, not even the folder", Files.exists(out), equalTo(false));
  }

  @Test
  public void badLabelLinesAreDeadLetteredWithTheirReason() throws Exception {
    Path labels = root.resolve("late-labels.csv");
    Files.writeString(labels, "customerID,Churn\nG0000001,Yes\nG0000002,maybe\nG0000003,No\n");
    Path out = root.resolve("late-monitor");
    Cli monitor = Cli.run("monitor", "--customers", file("clean"), "--registry", root.resolve("registry").toString(),
        "--model-version", "v0001", "--scores", root.resolve("clean-scores").toString(), "--labels", labels.toString(),
        "--output", out.toString());
    assertThat(monitor.err, monitor.exitCode, equalTo(0));
    JsonNode run = Json.MAPPER.readTree(out.resolve("monitor.json").toFile());
    assertThat(run.at("/outcomes/overall/labelled").asLong(), equalTo(2L));
    assertThat(run.at("/counts/labelDeadLetters").asLong(), equalTo(1L));
    List<String> deadLetters = deadLetters(out, "labels");
    assertThat(deadLetters.size(), equalTo(1));
    assertThat(deadLetters.get(0), containsString("\"line\":3"));
    assertThat(deadLetters.get(0), containsString("neither 'Yes' nor 'No'"));
    // too few labels to judge accuracy: nothing is flagged for it
    assertThat(flagged(run, "accuracy"), empty());
  }

  private static Cli monitorWithLabels(String labels, String output) {
    return Cli.run("monitor", "--customers", file("clean"), "--registry", root.resolve("registry").toString(),
        "--model-version", "v0001", "--scores", root.resolve("clean-scores").toString(), "--labels", labels, "--output", root.resolve(output).toString());
  }

  @Test
  public void labelsThatMatchNoScoredCustomerAreAWarningNotAnOk() throws Exception {
    Path labels = Files.writeString(root.resolve("other-labels.csv"), "customerID,Churn\nNOPE-1,Yes\nNOPE-2,No\n");
    Cli monitor = monitorWithLabels(labels.toString(), "unmatched-monitor");
    assertThat(monitor.err, monitor.exitCode, equalTo(0));
    JsonNode run = Json.MAPPER.readTree(root.resolve("unmatched-monitor/monitor.json").toFile());
    assertThat(run.at("/outcomes/overall/labelled").asLong(), equalTo(0L));
    assertThat(flagged(run, "accuracy"), equalTo(Set.of("all")));
    assertThat(monitor.out, containsString("no label matches a scored customer (2 labels without a score)"));
    assertThat(monitor.out, containsString("\"status\":\"WARN\""));
  }

  @Test
  public void conflictingLabelsOfACustomerAreDeadLetteredAndLeaveItUnlabelled() throws Exception {
    Path labels = Files.writeString(root.resolve("conflicting-labels.csv"), "customerID,Churn\nG0000001,Yes\nG0000001,No\nG0000003,No\nG0000003,No\n");
    Cli monitor = monitorWithLabels(labels.toString(), "conflict-monitor");
    assertThat(monitor.err, monitor.exitCode, equalTo(0));
    JsonNode run = Json.MAPPER.readTree(root.resolve("conflict-monitor/monitor.json").toFile());
    assertThat("only the customer labelled the same way twice counts", run.at("/outcomes/overall/labelled").asLong(), equalTo(1L));
    assertThat(run.at("/counts/customersWithConflictingLabels").asLong(), equalTo(1L));
    List<String> deadLetters = deadLetters(root.resolve("conflict-monitor"), "conflicting-labels");
    assertThat(deadLetters.size(), equalTo(2));
    assertThat(String.join("\n", deadLetters), containsString("\"line\":2"));
    assertThat(String.join("\n", deadLetters), containsString("\"line\":3"));
    assertThat(deadLetters.get(0), containsString("customer G0000001 has conflicting labels (churned at " + labels + ":2, stayed at " + labels + ":3)"));
    assertThat(flagged(run, "data_quality"), hasItem("records"));
  }
}
