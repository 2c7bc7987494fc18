package dev.churn.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import dev.churn.models.registry.Json;
import dev.churn.pipelines.ScoreFiles;
import dev.churn.pipelines.TelcoFixture;
import dev.churn.pipelines.TrainedTelco;
import dev.churn.pipelines.storage.OutputManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * What scoring may and may not do to the files of its output folder and to its table: it never touches
 * a file it did not write, keeps every partitioned run's dead letters, dead-letters a customer id the
 * table cannot hold instead of failing half-way, leaves the table as it was when a run fails, and makes
 * a repeated run id's rows exactly the new run's, in the files and in the table alike.
 */
public class ScoreOutputIntegrityTest {
  @ClassRule public static final TemporaryFolder FOLDER = new TemporaryFolder();

  private final TrainedTelco trained = TrainedTelco.get();
  private final TelcoFixture telco = trained.data;
  private final Path root = FOLDER.getRoot().toPath();

  private Cli score(Path customers, Path output, String runId, String... more) {
    List<String> args = new ArrayList<>(List.of("score", "--customers", customers.toString(), "--registry", trained.registry.toString(),
        "--output", output.toString(), "--run-id", runId));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(new String[0]));
  }

  @Test
  public void filesThatChurnDidNotWriteAreNeverTouchedEvenWhenNamedLikeScores() throws Exception {
    Path output = Files.createDirectories(root.resolve("shared-folder"));
    Path input = Files.copy(telco.score, output.resolve("scores-2025.csv"));
    Path notes = Files.writeString(output.resolve("scores-notes.txt"), "x\n");
    Path letters = Files.writeString(output.resolve("dead-letters-mine.jsonl"), "{}\n");
    byte[] inputBytes = Files.readAllBytes(input);

    Cli first = score(input, output, "first");
    assertThat(first.err, first.exitCode, equalTo(0));
    assertThat(first.err, containsString("warning: the output folder holds 3 file(s) named like score files that churn did not write"));
    Cli second = score(input, output, "second");
    assertThat(second.err, second.exitCode, equalTo(0));

    assertThat("the input file is untouched", Files.readAllBytes(input), equalTo(inputBytes));
    assertThat(Files.readString(notes), equalTo("x\n"));
    assertThat(Files.readString(letters), equalTo("{}\n"));
    List<List<String>> rows = ScoreFiles.read(output);
    assertThat(rows, hasSize(telco.scoreRows));
    assertThat("the second run replaced the first", rows.stream().map(r -> r.get(0)).distinct().collect(Collectors.toList()), equalTo(List.of("second")));
    assertThat("the first run's own files are gone", scoreFileNames(output).stream().anyMatch(n -> n.startsWith("scores-first.")), equalTo(false));
  }

  @Test
  public void partitionedRunsKeepTheirOwnDeadLetters() throws Exception {
    Path customers = withBadLines(root.resolve("with-bad-lines.csv"), 3);
    Path output = root.resolve("partitioned");
    for (String runId : List.of("p1", "p2", "p3")) {
      Cli scored = score(customers, output, runId, "--partitioned");
      assertThat(scored.err, scored.exitCode, equalTo(0));
      assertThat(scored.out, containsString("dead letters: 3 "));
    }
    OutputManifest manifest = Json.MAPPER.readValue(output.resolve(OutputManifest.NAME).toFile(), OutputManifest.class);
    assertThat(manifest.publications, hasSize(3));
    for (String runId : List.of("p1", "p2", "p3")) {
      long deadLetters = 0;
      try (Stream<Path> files = Files.walk(output.resolve("dead-letters"))) {
        for (Path file : files.filter(f -> f.getFileName().toString().startsWith("dead-letters-" + runId + ".")).collect(Collectors.toList())) {
          deadLetters += Files.readAllLines(file).size();
        }
      }
      assertThat("dead letters of run " + runId, deadLetters, equalTo(3L));
    }
  }

  @Test
  public void anIdTheTableCannotHoldIsADeadLetterWithItsLineAndNothingIsHalfWritten() throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(telco.score));
    String longId = "L".repeat(200);
    lines.set(5, longId + lines.get(5).substring(lines.get(5).indexOf(',')));
    Path customers = Files.write(root.resolve("long-id.csv"), lines);
    String url = h2("long-id");
    Cli scored = score(customers, root.resolve("long-id"), "long", "--jdbc-url", url);
    assertThat(scored.err, scored.exitCode, equalTo(0));
    assertThat(scored.out, containsString("scored " + (telco.scoreRows - 1) + " customers"));
    String deadLetters = deadLetterLines(root.resolve("long-id"));
    assertThat(deadLetters, containsString("\"line\":6"));
    assertThat(deadLetters, containsString("customer id (column customerID) has 200 characters; at most 128 are allowed"));
    assertThat(count(url, "SELECT COUNT(*) FROM churn_scores"), equalTo((long) telco.scoreRows - 1));
    assertThat("the staging table is emptied", count(url, "SELECT COUNT(*) FROM churn_scores_staging"), equalTo(0L));
  }

  @Test
  public void aRunThatFailsWritingItsRowsLeavesTableAndFilesAsTheyWereAndPrintsNoRowData() throws Exception {
    Path output = root.resolve("failing");
    String url = h2("failing");
    assertThat(score(telco.score, output, "nightly", "--jdbc-url", url).exitCode, equalTo(0));
    List<List<String>> before = ScoreFiles.read(output);
    List<String> tableBefore = tableRows(url);
    // a staging table too narrow for the ids: the run's writes fail in the middle of the pipeline
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("DROP TABLE churn_scores_staging");
      s.execute("CREATE TABLE churn_scores_staging (publication VARCHAR(80) NOT NULL, run_id VARCHAR(64) NOT NULL, scored_at TIMESTAMP WITH TIME ZONE NOT NULL,"
          + " customer_id VARCHAR(4) NOT NULL, segment VARCHAR(256) NOT NULL, churn_probability DOUBLE PRECISION NOT NULL, risk_band VARCHAR(16) NOT NULL,"
          + " model_version VARCHAR(512) NOT NULL, reason_1 VARCHAR(512), reason_2 VARCHAR(512), reason_3 VARCHAR(512), PRIMARY KEY (publication, customer_id))");
    }
    Cli failed = score(telco.score, output, "nightly", "--jdbc-url", url);
    assertThat(failed.err, failed.exitCode, equalTo(1));
    assertThat(failed.err, containsString("the database refused it"));
    String firstId = Files.readAllLines(telco.score).get(1).split(",")[0];
    assertThat("no customer data in the message", failed.err, not(containsString(firstId)));
    assertThat(failed.lastErrorLine().length() < 400, equalTo(true));
    assertThat("the table is as it was", tableRows(url), equalTo(tableBefore));
    assertThat("the files are as they were", ScoreFiles.read(output), equalTo(before));
    try (Stream<Path> files = Files.list(output)) {
      assertThat(files.filter(f -> f.getFileName().toString().startsWith(".staging-")).count(), equalTo(0L));
    }
  }

  @Test
  public void aRepeatedRunIdLeavesExactlyTheNewRunsRowsInFilesAndTable() throws Exception {
    Path output = root.resolve("repeated");
    String url = h2("repeated");
    assertThat(score(telco.score, output, "nightly", "--jdbc-url", url).exitCode, equalTo(0));
    List<String> lines = Files.readAllLines(telco.score);
    Path fewer = Files.write(root.resolve("fewer.csv"), lines.subList(0, 121));
    Cli again = score(fewer, output, "nightly", "--jdbc-url", url);
    assertThat(again.err, again.exitCode, equalTo(0));
    assertThat(ScoreFiles.read(output), hasSize(120));
    assertThat(count(url, "SELECT COUNT(*) FROM churn_scores WHERE run_id = 'nightly'"), equalTo(120L));
    List<String> fileIds = ScoreFiles.read(output).stream().map(r -> r.get(2)).sorted().collect(Collectors.toList());
    List<String> tableIds = tableRows(url).stream().map(r -> r.split("\\|")[0]).sorted().collect(Collectors.toList());
    assertThat(tableIds, equalTo(fileIds));
  }

  @Test
  public void inputWithoutAnyGoodRecordLeavesNoFolderBehind() throws Exception {
    Path headerOnly = Files.write(root.resolve("header-only.csv"), List.of(Files.readAllLines(telco.score).get(0)));
    Path output = root.resolve("never-created");
    Cli scored = score(headerOnly, output, "empty");
    assertThat(scored.exitCode, equalTo(2));
    assertThat(scored.lastErrorLine(), containsString("has no records after its header"));
    assertThat("nothing written, not even the folder", Files.exists(output), equalTo(false));
  }

  private Path withBadLines(Path file, int bad) throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(telco.score));
    for (int i = 1; i <= bad; i++) {
      lines.set(i, lines.get(i).replace("Month-to-month", "Weekly").replace("One year", "Weekly").replace("Two year", "Weekly"));
    }
    return Files.write(file, lines);
  }

  private String h2(String name) {
    return "jdbc:h2:file:" + root.resolve("h2-" + name) + ";MODE=MSSQLServer";
  }

  private static long count(String url, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(url); ResultSet r = c.createStatement().executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  private static List<String> tableRows(String url) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url);
        ResultSet r = c.createStatement().executeQuery("SELECT customer_id, run_id, scored_at, churn_probability, reason_1 FROM churn_scores ORDER BY customer_id")) {
      while (r.next()) {
        rows.add(r.getString(1) + "|" + r.getString(2) + "|" + r.getString(3) + "|" + r.getDouble(4) + "|" + r.getString(5));
      }
    }
    return rows;
  }

  private static List<String> scoreFileNames(Path output) throws Exception {
    try (Stream<Path> files = Files.list(output)) {
      return files.map(f -> f.getFileName().toString()).collect(Collectors.toList());
    }
  }

  private static String deadLetterLines(Path output) throws Exception {
    StringBuilder all = new StringBuilder();
    for (String name : scoreFileNames(output)) {
      if (name.startsWith("dead-letters-")) {
        all.append(Files.readString(output.resolve(name)));
      }
    }
    return all.toString();
  }
}
