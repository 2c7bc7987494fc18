package dev.churn.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.isIn;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churn.models.registry.Json;
import dev.churn.pipelines.ScoreFiles;
import dev.churn.pipelines.TelcoFixture;
import dev.churn.pipelines.TrainedTelco;
import dev.churn.pipelines.storage.FolderLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The batch path through the command line, on 1,500 real Telco customers. */
public class TrainScoreEvaluateTest {
  @ClassRule public static final TemporaryFolder FOLDER = new TemporaryFolder();

  private static TelcoFixture telco;
  private static Path registry;

  @BeforeClass
  public static void train() {
    telco = TrainedTelco.get().data;
    registry = TrainedTelco.get().registry;
  }

  @Test
  public void trainRegistersACompleteVersion() throws Exception {
    assertThat(TrainedTelco.get().trainExitCode, equalTo(0));
    Path version = registry.resolve("versions/v0001");
    JsonNode metadata = Json.MAPPER.readTree(version.resolve("metadata.json").toFile());
    assertThat(metadata.at("/trainingData/rowsAccepted").asLong(), equalTo(1200L));
    assertThat(metadata.at("/trainingData/sha256").asText(), equalTo(sha256(telco.train)));
    assertThat(metadata.at("/settings/seed").asLong(), equalTo(42L));
    List<String> segments = new ArrayList<>();
    metadata.get("segments").fieldNames().forEachRemaining(segments::add);
    assertThat(segments, containsInAnyOrder("Month-to-month", "One year", "Two year"));
    assertThat(metadata.at("/overall/rocAuc").asDouble(), greaterThan(0.75));
    assertThat(metadata.at("/segments/Two year/source").asText(), equalTo("global"));
    assertThat(metadata.at("/segments/Two year/reason").asText(), containsString("below the minimum"));
    assertThat(metadata.at("/settings/folds").asInt(), equalTo(3));
    assertThat(metadata.at("/global/foldAuc").size(), equalTo(3));
    assertThat(metadata.at("/global/calibration").has("a"), equalTo(true));
    assertThat(metadata.at("/overall/calibrationError").asDouble(), lessThan(0.1));
    // importance names input columns (one-hot groups mapped back), most important first
    List<String> important = new ArrayList<>();
    metadata.at("/global/importance").fieldNames().forEachRemaining(important::add);
    assertThat(important, hasItem("Contract"));
    assertThat(important, not(hasItem("gender")));
    // metrics per sensitive group, on the out-of-fold predictions
    assertThat(metadata.at("/fairness/0/attribute").asText(), equalTo("gender"));
    assertThat(metadata.at("/fairness/1/groups/1/rocAuc").asDouble(), greaterThan(0.5));
    assertThat(
        metadata.at("/fairness/0/groups/Female/rows").asLong() + metadata.at("/fairness/0/groups/Male/rows").asLong(),
        equalTo(1200L));
    assertThat(Files.exists(version.resolve("preprocessing.json")), equalTo(true));
    assertThat(Files.exists(version.resolve(metadata.at("/global/modelFile").asText())), equalTo(true));
    try (Stream<Path> hidden = Files.list(registry)) {
      assertThat("no staging folder left", hidden.filter(p -> p.getFileName().toString().startsWith(".staging")).count(), equalTo(0L));
    }
  }

  @Test
  public void scoreWritesOneRowPerCustomerWithHeaderBandAndReasons() throws Exception {
    Path output = FOLDER.getRoot().toPath().resolve("scores");
    Cli scored = Cli.run("score", "--customers", telco.score.toString(), "--registry", registry.toString(), "--output", output.toString(), "--run-id", "r1");
    assertThat(scored.err, scored.exitCode, equalTo(0));
    List<List<String>> rows = ScoreFiles.read(output);
    assertThat(rows, hasSize(telco.scoreRows));
    Set<String> ids = new HashSet<>();
    for (List<String> row : rows) {
      ids.add(row.get(2));
      assertThat(row.get(0), equalTo("r1"));
      assertThat(Double.parseDouble(row.get(4)), allOf(greaterThanOrEqualTo(0.0), lessThanOrEqualTo(1.0)));
      assertThat(row.get(5), isIn(List.of("low", "medium", "high")));
      assertThat(row.get(6), isIn(List.of("v0001/Month-to-month", "v0001/One year", "v0001/global")));
    }
    assertThat(ids, hasSize(telco.scoreRows));
    long highWithReason =
        rows.stream().filter(r -> r.get(5).equals("high") && !r.get(7).isEmpty()).count();
    long high = rows.stream().filter(r -> r.get(5).equals("high")).count();
    assertThat(high, greaterThan(0L));
    assertThat(highWithReason, equalTo(high));
    try (Stream<Path> files = Files.list(output)) {
      List<String> hidden = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).collect(Collectors.toList());
      assertThat("no staging folder left, only the lock file", hidden, equalTo(List.of(FolderLock.NAME)));
    }
  }

  @Test
  public void partitionedScoresKeepOtherRunsAndReplaceARepeatedRun() throws Exception {
    Path output = FOLDER.getRoot().toPath().resolve("scores-partitioned");
    for (String runId : List.of("monday", "tuesday", "monday")) {
      Cli scored = Cli.run("score", "--customers", telco.score.toString(), "--registry", registry.toString(), "--output", output.toString(), "--run-id", runId, "--partitioned");
      assertThat(scored.err, scored.exitCode, equalTo(0));
      assertThat(scored.out, containsString("scores/run_date=" + java.time.LocalDate.now(java.time.ZoneOffset.UTC) + "/segment=*/scores-" + runId + "."));
    }
    List<List<String>> rows = ScoreFiles.read(output);
    assertThat(rows, hasSize(2 * telco.scoreRows));
    assertThat(rows.stream().filter(r -> r.get(0).equals("monday")).count(), equalTo((long) telco.scoreRows));
    String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
    Set<String> partitions = new HashSet<>();
    for (Path file : ScoreFiles.files(output)) {
      Path relative = output.relativize(file);
      assertThat(relative.toString(), relative.getNameCount(), equalTo(4));
      assertThat(relative.getName(0).toString(), equalTo("scores"));
      assertThat(relative.getName(1).toString(), equalTo("run_date=" + today));
      partitions.add(relative.getName(2).toString());
      String segment = relative.getName(2).toString().substring("segment=".length());
      for (List<String> row : ScoreFiles.read(file.getParent())) {
        assertThat(row.get(3), equalTo(segment));
      }
    }
    assertThat(partitions, containsInAnyOrder("segment=Month-to-month", "segment=One year", "segment=Two year"));
  }

  @Test
  public void jdbcUpsertKeepsOneRowPerCustomerWhenARunIsRepeated() throws Exception {
    Path output = FOLDER.getRoot().toPath().resolve("scores-jdbc");
    String url = "jdbc:h2:file:" + FOLDER.getRoot().toPath().resolve("h2/scores") + ";MODE=MSSQLServer";
    for (int attempt = 0; attempt < 2; attempt++) {
      Cli scored = Cli.run("score", "--customers", telco.score.toString(), "--registry", registry.toString(), "--output", output.toString(), "--run-id", "nightly", "--jdbc-url", url, "--table", "scores");
      assertThat(scored.err, scored.exitCode, equalTo(0));
    }
    try (Connection c = DriverManager.getConnection(url);
        ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*), COUNT(DISTINCT customer_id), MIN(run_id) FROM scores")) {
      r.next();
      assertThat(r.getLong(1), equalTo((long) telco.scoreRows));
      assertThat(r.getLong(2), equalTo((long) telco.scoreRows));
      assertThat(r.getString(3), equalTo("nightly"));
    }
    assertThat(ScoreFiles.read(output), hasSize(telco.scoreRows));
  }

  @Test
  public void evaluatePrintsOneJsonObject() throws Exception {
    Cli evaluated = Cli.run("evaluate", "--customers", telco.scoreLabelled.toString(), "--registry", registry.toString());
    assertThat(evaluated.err, evaluated.exitCode, equalTo(0));
    JsonNode report = Json.MAPPER.readTree(evaluated.out);
    assertThat(report.get("model_version").asText(), equalTo("v0001"));
    assertThat(report.get("rows").asLong(), equalTo((long) telco.scoreRows));
    assertThat(report.get("roc_auc").asDouble(), greaterThan(0.75));
    for (String metric : List.of("pr_auc", "log_loss", "expected_calibration_error", "accuracy", "f1", "threshold", "positives")) {
      assertThat(metric, report.has(metric), equalTo(true));
    }
    assertThat(report.at("/segments/Month-to-month/rows").asLong(), greaterThan(0L));
    assertThat(report.at("/fairness/0/attribute").asText(), equalTo("gender"));
    assertThat(report.at("/fairness/1/attribute").asText(), equalTo("SeniorCitizen"));
    assertThat(report.at("/fairness/1/groups/1/rows").asLong(), greaterThan(0L));
  }

  @Test
  public void sameSeedGivesTheSameScores() throws Exception {
    Path second = FOLDER.getRoot().toPath().resolve("registry-again");
    Cli again = Cli.run(TrainedTelco.get().trainArguments(second));
    assertThat(again.err, again.exitCode, equalTo(0));
    Path first = FOLDER.getRoot().toPath().resolve("repro-1");
    Path other = FOLDER.getRoot().toPath().resolve("repro-2");
    assertThat(Cli.run("score", "--customers", telco.score.toString(), "--registry", registry.toString(), "--output", first.toString(), "--run-id", "x", "--model-version", "v0001").exitCode, equalTo(0));
    assertThat(Cli.run("score", "--customers", telco.score.toString(), "--registry", second.toString(), "--output", other.toString(), "--run-id", "x", "--model-version", "v0001").exitCode, equalTo(0));
    assertThat(withoutTimestamps(ScoreFiles.read(other)), equalTo(withoutTimestamps(ScoreFiles.read(first))));
  }

  private static Set<List<String>> withoutTimestamps(List<List<String>> rows) {
    Set<List<String>> result = new HashSet<>();
    for (List<String> row : rows) {
      List<String> copy = new ArrayList<>(row);
      copy.remove(1);
      result.add(copy);
    }
    return result;
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
