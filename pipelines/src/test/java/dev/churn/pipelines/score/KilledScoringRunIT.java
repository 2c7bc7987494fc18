package dev.churn.pipelines.score;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import dev.churn.pipelines.ChurnProcess;
import dev.churn.pipelines.ScoreFiles;
import dev.churn.pipelines.TrainedTelco;
import dev.churn.pipelines.storage.AzureStorageAuth;
import dev.churn.pipelines.storage.Azurite;
import dev.churn.pipelines.storage.FolderLock;
import dev.churn.testdata.TelcoSample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A scoring run killed (SIGKILL) while it is writing to PostgreSQL and files (local, or in Azurite),
 * then started again with the same run id, ends with exactly one row per customer in the table and in
 * the files, and leaves no temporary files behind.
 */
public class KilledScoringRunIT {
  private static final String URL =
      System.getProperty("churn.it.postgres", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
  private static final int COPIES = 3;

  @Rule public final TemporaryFolder folder = new TemporaryFolder();

  private final String table = "churn_scores_killed_" + UUID.randomUUID().toString().substring(0, 8);

  @After
  public void dropTable() throws Exception {
    try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + table);
      s.execute("DROP TABLE IF EXISTS " + table + "_staging");
    }
  }

  @Test
  public void aKilledRunStartedAgainEndsWithOneRowPerCustomerAndNoTemporaryFiles() throws Exception {
    Path output = folder.getRoot().toPath().resolve("scores");
    killAndStartAgain(output.toString(), Map.of(), new ScoreOutput() {
      @Override
      public List<List<String>> rows() throws Exception {
        return ScoreFiles.read(output);
      }

      @Override
      public List<String> hiddenFiles() throws Exception {
        try (Stream<Path> files = Files.walk(output)) {
          return files.map(p -> output.relativize(p).toString()).filter(name -> name.startsWith(".") || name.contains("/."))
              .filter(name -> !name.equals(FolderLock.NAME)).collect(Collectors.toList());
        }
      }
    });
  }

  @Test
  public void aKilledRunWritingToTheLakeStartedAgainEndsWithOneRowPerCustomerAndNoTemporaryBlobs() throws Exception {
    Azurite azurite = Azurite.newContainer();
    try {
      killAndStartAgain(azurite.azfs("scores"), Map.of(AzureStorageAuth.CONNECTION_STRING, Azurite.CONNECTION_STRING), new ScoreOutput() {
        @Override
        public List<List<String>> rows() {
          List<List<String>> rows = new ArrayList<>();
          for (String file : azurite.texts("scores/scores-", ".csv").values()) { // flat files of the one current run
            rows.addAll(ScoreFiles.parse(file.lines().collect(Collectors.toList())));
          }
          return rows;
        }

        @Override
        public List<String> hiddenFiles() {
          return azurite.blobNames("scores/").stream().filter(name -> name.contains("/.") && !name.endsWith("/" + FolderLock.NAME)).collect(Collectors.toList());
        }
      });
    } finally {
      azurite.delete();
    }
  }

  /** The score files of a run, wherever they are. */
  private interface ScoreOutput {
    List<List<String>> rows() throws Exception;

    /** Staging and temporary files: names starting with a dot. */
    List<String> hiddenFiles() throws Exception;
  }

  /**
   * Scores into {@code output} and the PostgreSQL table, in a process of its own, kills it once the
   * table has rows, starts it again with the same run id, and checks both outputs.
   */
  private void killAndStartAgain(String output, Map<String, String> environment, ScoreOutput files) throws Exception {
    Path customers = manyCustomers(folder.getRoot().toPath().resolve("customers.csv"));
    int expected = (TelcoSample.lines().size() - 1) * COPIES;
    TrainedTelco trained = TrainedTelco.get();
    List<String> arguments =
        List.of("score", "--customers", customers.toString(), "--registry", trained.registry.toString(), "--output", output,
            "--run-id", "killed", "--jdbc-url", URL, "--table", table);

    ChurnProcess first = ChurnProcess.start(folder.getRoot().toPath(), environment, arguments);
    long rowsWhenKilled = waitForSomeRows(first);
    first.process.destroyForcibly().waitFor();
    assertThat("killed half-way: " + rowsWhenKilled + " of " + expected + " rows staged", rowsWhenKilled < expected, equalTo(true));
    assertThat("the killed run published no row", rowCount(table), equalTo(0L));
    assertThat("the killed run published no score file", files.rows(), empty());
    assertThat("the killed run left its staging folder", files.hiddenFiles(), not(empty()));
    System.out.printf("killed the first run after %d of %d rows were in the staging table%n", rowsWhenKilled, expected);

    ChurnProcess.Finished second = ChurnProcess.run(folder.getRoot().toPath(), environment, arguments);
    assertThat(second.output, second.exitCode, equalTo(0));
    try (Connection c = DriverManager.getConnection(URL);
        ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*), COUNT(DISTINCT customer_id) FROM " + table + " WHERE run_id = 'killed'")) {
      r.next();
      assertThat(r.getLong(1), equalTo((long) expected));
      assertThat(r.getLong(2), equalTo((long) expected));
    }
    List<List<String>> rows = files.rows();
    assertThat(rows, hasSize(expected));
    assertThat(rows.stream().map(row -> row.get(2)).distinct().count(), equalTo((long) expected));
    assertThat("no staging or temporary files left", files.hiddenFiles(), empty());
    assertThat("no staged rows left", rowCount(table + "_staging"), equalTo(0L));
  }

  /** Polls the staging table until the run has written some rows; fails if it ends first. */
  private long waitForSomeRows(ChurnProcess run) throws Exception {
    long deadline = System.nanoTime() + 180_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (!run.process.isAlive()) {
        throw new AssertionError("the run ended before it could be killed; give it more customers:\n" + run.output());
      }
      long rows = rowCount(table + "_staging");
      if (rows > 0) {
        return rows;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no row written within 3 minutes:\n" + run.output());
  }

  private static long rowCount(String table) {
    try (Connection c = DriverManager.getConnection(URL);
        ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
      r.next();
      return r.getLong(1);
    } catch (SQLException tableNotCreatedYet) {
      return 0;
    }
  }

  /** The real Telco customers, {@value #COPIES} times over under distinct ids, without the label. */
  private static Path manyCustomers(Path file) throws Exception {
    List<String> lines = TelcoSample.lines();
    List<String> header = List.of(lines.get(0).split(",", -1));
    int label = header.indexOf("Churn");
    List<String> out = new ArrayList<>();
    out.add(lines.get(0).replace(",Churn", ""));
    for (int copy = 0; copy < COPIES; copy++) {
      for (String line : lines.subList(1, lines.size())) {
        List<String> fields = new ArrayList<>(List.of(line.split(",", -1)));
        fields.remove(label);
        fields.set(0, fields.get(0) + "-" + copy);
        out.add(String.join(",", fields));
      }
    }
    return Files.write(file, out);
  }
}
