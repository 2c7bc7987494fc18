package dev.churn.runners.flink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import dev.churn.models.registry.ModelChoice;
import dev.churn.models.registry.ModelRegistry;
import dev.churn.models.registry.ModelVersion;
import dev.churn.pipelines.input.CustomerInput;
import dev.churn.pipelines.ScoreFiles;
import dev.churn.pipelines.TrainedTelco;
import dev.churn.pipelines.jobs.Execution;
import dev.churn.pipelines.score.ScorePipeline;
import dev.churn.pipelines.sink.ScoreTable;
import dev.churn.pipelines.storage.RegistryLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Wait;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A scoring pipeline on Flink with steps after its writes that fail the first time they see each
 * written file and the end of the table write: Flink restarts the whole job each time (full failover), so
 * the files and the upserts are written again. The run must still end with one score row per customer
 * in the files and in the table once its staged rows are committed (H2 here; {@link RetriedBundlesPostgresFlinkIT} on PostgreSQL,
 * {@link RetriedBundlesAzuriteFlinkIT} with the files and the registry in Azurite), and no temporary
 * files.
 */
public class RetriedBundlesFlinkTest {
  @Rule public TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void retriedWritesLeaveOneRowPerCustomerInFilesAndTable() throws Exception {
    Path root = folder.getRoot().toPath();
    assertOneRowPerCustomerAfterRetries(root, "jdbc:h2:file:" + root.resolve("scores") + ";MODE=MSSQLServer", "retried_scores");
  }

  /** Scores the Telco hold-out on Flink with failures after the writes; checks the files and the table. */
  static void assertOneRowPerCustomerAfterRetries(Path root, String jdbcUrl, String tableName) throws Exception {
    TrainedTelco telco = TrainedTelco.get();
    ScoreTable table = ScoreTable.of(jdbcUrl, tableName, null, null);
    table.createIfMissing();
    scoreWithFailuresAfterTheWrites(root, telco.registry.toString(), root.resolve("out").toString(), table);
    assertOneRowPerCustomer(ScoreFiles.read(root.resolve("out")));
    try (Stream<Path> files = Files.walk(root.resolve("out"))) {
      // Beam's FileIO leaves its empty .temp-beam folder; the command line writes into a staging folder it removes
      List<Path> temporary = files.filter(Files::isRegularFile).filter(f -> f.toString().contains("temp")).collect(Collectors.toList());
      assertThat("no temporary files left", temporary, empty());
    }
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*), COUNT(DISTINCT customer_id) FROM " + tableName + " WHERE run_id = 'retried'")) {
      r.next();
      assertThat(r.getLong(1), equalTo((long) telco.data.scoreRows));
      assertThat(r.getLong(2), equalTo((long) telco.data.scoreRows));
    }
  }

  /**
   * Scores the Telco hold-out on Flink with the model version v0001 of {@code registry} into
   * {@code output} (and {@code table}, unless null), with steps after the writes that fail the first
   * time; checks that the job ends and that the failures happened.
   */
  static void scoreWithFailuresAfterTheWrites(Path root, String registry, String output, ScoreTable table) throws Exception {
    TrainedTelco telco = TrainedTelco.get();
    String test = root.toString();
    Path flinkConf = Files.createDirectories(root.resolve("flink-conf"));
    Files.writeString(
        flinkConf.resolve("flink-conf.yaml"),
        "restart-strategy.type: fixed-delay\nrestart-strategy.fixed-delay.attempts: 10\nrestart-strategy.fixed-delay.delay: 100 ms\n"
            + "jobmanager.execution.failover-strategy: full\n");
    PipelineOptions options = Execution.options("flink", List.of("--flinkConfDir=" + flinkConf, "--parallelism=2"));
    FileSystems.setDefaultPipelineOptions(options);
    Pipeline pipeline = Pipeline.create(options);
    ModelVersion version = ModelVersion.load(new ModelRegistry(telco.registry), "v0001");
    CustomerInput input = CustomerInput.check(telco.data.score.toString(), version.metadata().schema, false);
    ScorePipeline.Job job = new ScorePipeline.Job();
    job.registry = RegistryLocation.of(registry, null);
    job.models = ModelChoice.of("v0001");
    job.runId = "retried";
    job.publication = "retried.test01";
    job.scoredAt = Instant.now();
    job.outputFolder = output;
    job.table = table;
    ScorePipeline.Written written = ScorePipeline.build(pipeline, input, job);
    List<String> steps = new ArrayList<>(List.of("/file/"));
    written.files.apply("FailAfterFileWrite", ParDo.of(new FailFirstSightFn<>(test + "/file")));
    if (table != null) {
      // the JDBC write signals its end but outputs nothing: a marker waits for it, then fails once
      steps.add("/table/");
      pipeline
          .apply("TableWritten", Create.of("table written"))
          .apply("AfterTableWrite", Wait.on(written.tableBatches))
          .apply("FailAfterTableWrite", ParDo.of(new FailFirstSightFn<>(test + "/table")));
    }

    PipelineResult.State state = pipeline.run().waitUntilFinish();

    assertThat(state, equalTo(PipelineResult.State.DONE));
    if (table != null) {
      table.commit(job.publication, job.runId);
    }
    for (String step : steps) {
      long planted = FailFirstSightFn.FAILED.stream().filter(key -> key.startsWith(test + step)).count();
      assertThat("failures planted after the write" + step, planted, greaterThanOrEqualTo(1L));
    }
  }

  /** One score row for each customer of the Telco hold-out. */
  static void assertOneRowPerCustomer(List<List<String>> rows) {
    int customers = TrainedTelco.get().data.scoreRows;
    assertThat(rows.size(), equalTo(customers));
    assertThat(rows.stream().map(row -> row.get(2)).collect(Collectors.toCollection(HashSet::new)).size(), equalTo(customers));
  }

  /** Fails the first time it sees each element (in this JVM, across Flink's restarts of the job). */
  static final class FailFirstSightFn<T> extends DoFn<T, Void> {
    static final Set<String> FAILED = ConcurrentHashMap.newKeySet();
    private final String step;

    FailFirstSightFn(String step) {
      this.step = step;
    }

    @ProcessElement
    public void process(@Element T element) {
      String key = step + "/" + element;
      if (FAILED.add(key)) {
        throw new IllegalStateException("planted failure after the write: " + key);
      }
    }
  }
}
