package dev.churn.pipelines.score;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.isIn;

import dev.churn.pipelines.ChurnProcess;
import dev.churn.pipelines.TrainedTelco;
import dev.churn.pipelines.storage.KillPoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A scoring run killed with SIGKILL at each step of publishing ({@link KillPoint#STEPS}), repeating a run
 * id that is already published, into an output folder and a score table; after each kill:
 *
 * <ul>
 *   <li>a reader of the folder (through its manifest) sees one complete run: the earlier one or the new
 *       one, never a mix, a part or nothing; the table also holds one complete run;
 *   <li>the next run (another run id) finishes the killed run's publication if the killed run had
 *       completed, or removes it if not, and then the files and the table agree, with nothing staged
 *       left behind.
 * </ul>
 */
public final class PublishKillScenario {
  /** Where the files go and how a test reads them back. */
  public interface Output {
    /** The {@code --output} argument. */
    String location();

    /** The score rows a reader sees for one run id, each as its fields. */
    List<List<String>> rows(String runId) throws Exception;

    /** Names of staging folders' files left in the output. */
    List<String> staged() throws Exception;
  }

  private final Path work;
  private final Output output;
  private final String jdbcUrl;
  private final String table;
  private final Map<String, String> environment;

  /** @param jdbcUrl the database of the score table {@code table}, or null for files only */
  public PublishKillScenario(Path work, Output output, String jdbcUrl, String table, Map<String, String> environment) {
    this.work = work;
    this.output = output;
    this.jdbcUrl = jdbcUrl;
    this.table = table;
    this.environment = environment;
  }

  /** At every step. */
  public void run() throws Exception {
    run(KillPoint.STEPS);
  }

  /** At the given steps, in order. */
  public void run(List<String> steps) throws Exception {
    TrainedTelco trained = TrainedTelco.get();
    List<String> lines = Files.readAllLines(trained.data.score);
    int customers = customersFor(lines, -1);
    Path all = write(lines, customers);
    assertThat(score(all, "night", null).exitCode, equalTo(0));
    int published = customers;
    for (int step = 0; step < steps.size(); step++) {
      String killAt = steps.get(step);
      int next = customersFor(lines, step);
      ChurnProcess.Finished killed = score(write(lines, next), "night", killAt);
      assertThat(killAt + ": killed\n" + killed.output, killed.exitCode, equalTo(137));

      int files = completeRun(output.rows("night"), killAt + ", files");
      assertThat(killAt + ": the files hold the earlier run or the new one", files, isIn(List.of(published, next)));
      if (jdbcUrl != null) {
        int rows = completeRun(tableRows("night"), killAt + ", table");
        assertThat(killAt + ": the table holds the earlier run or the new one", rows, isIn(List.of(published, next)));
      }

      ChurnProcess.Finished after = score(all, "other-" + step, null);
      assertThat(killAt + ": the next run\n" + after.output, after.exitCode, equalTo(0));
      boolean completed = KillPoint.STEPS.indexOf(killAt) >= KillPoint.STEPS.indexOf("ready");
      if (completed) {
        assertThat(after.output, containsString("finished publishing run night"));
        published = next;
      }
      String said = killAt + " (killed run: " + progress(killed) + "; next run: " + progress(after) + ")";
      assertThat(said + ": the files after the next run", completeRun(output.rows("night"), said), equalTo(published));
      assertThat(killAt + ": nothing staged is left", output.staged(), empty());
      if (jdbcUrl != null) {
        assertThat(said + ": the table after the next run", completeRun(tableRows("night"), said), equalTo(published));
        assertThat(killAt + ": files and table agree", ids(output.rows("night")), equalTo(ids(tableRows("night"))));
        assertThat(killAt + ": the staging table is empty", count("SELECT COUNT(*) FROM " + table + "_staging"), equalTo(0L));
      }
      assertThat(completeRun(output.rows("other-" + step), killAt), equalTo(customers));
    }
  }

  /** What a run said it did: its progress lines. */
  private static String progress(ChurnProcess.Finished run) {
    return run.output.lines().filter(line -> line.startsWith("[churn]") || line.startsWith("churn:")).collect(java.util.stream.Collectors.joining(" | "));
  }

  /** A distinct number of customers per step, so that every run's rows can be told apart by their count. */
  private static int customersFor(List<String> lines, int step) {
    return step < 0 ? lines.size() - 1 : 100 + 10 * step;
  }

  private Path write(List<String> lines, int customers) throws Exception {
    return Files.write(work.resolve("customers-" + customers + ".csv"), lines.subList(0, customers + 1));
  }

  private ChurnProcess.Finished score(Path customers, String runId, String killAt) throws Exception {
    Map<String, String> env = new java.util.HashMap<>(environment);
    if (killAt != null) {
      env.put(KillPoint.VARIABLE, killAt);
    }
    List<String> args = new ArrayList<>(List.of("score", "--customers", customers.toString(), "--registry", TrainedTelco.get().registry.toString(),
        "--output", output.location(), "--run-id", runId, "--partitioned"));
    if (jdbcUrl != null) {
      args.addAll(List.of("--jdbc-url", jdbcUrl, "--table", table));
    }
    return ChurnProcess.run(work, env, args);
  }

  /** The size of a complete run: every row of one scoring (one scored_at), each customer once. */
  private static int completeRun(List<List<String>> rows, String what) {
    Set<String> scoredAt = new HashSet<>();
    rows.forEach(row -> scoredAt.add(row.get(1)));
    assertThat(what + ": rows of one run " + scoredAt, scoredAt.size(), equalTo(1));
    assertThat(what + ": each customer once", ids(rows).size(), equalTo(rows.size()));
    return rows.size();
  }

  private static Set<String> ids(List<List<String>> rows) {
    Set<String> ids = new HashSet<>();
    rows.forEach(row -> ids.add(row.get(2)));
    return ids;
  }

  private List<List<String>> tableRows(String runId) throws Exception {
    List<List<String>> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        ResultSet r = c.createStatement().executeQuery("SELECT run_id, scored_at, customer_id FROM " + table + " WHERE run_id = '" + runId + "'")) {
      while (r.next()) {
        rows.add(List.of(r.getString(1), r.getTimestamp(2).toInstant().toString(), r.getString(3)));
      }
    }
    return rows;
  }

  private long count(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbcUrl); ResultSet r = c.createStatement().executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }
}
