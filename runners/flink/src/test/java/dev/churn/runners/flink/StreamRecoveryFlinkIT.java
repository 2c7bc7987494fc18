package dev.churn.runners.flink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;

import dev.churn.pipelines.ChurnProcess;
import dev.churn.pipelines.EmbeddedKafka;
import dev.churn.pipelines.KafkaStreamScenario;
import dev.churn.pipelines.ScoreFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code churn stream} on Flink with checkpoints while the telemetry keeps arriving: the score table
 * in PostgreSQL goes away for a moment (renamed), the job fails writing to it, Flink restarts it from
 * its last checkpoint, and the stream goes on: every hour of every customer is scored, no row is
 * written twice, and each customer's row in the table equals batch scoring as of its time, reasons and
 * their feature values included (a reading lost or counted twice would change them).
 */
public class StreamRecoveryFlinkIT {
  private static final String URL =
      System.getProperty("churn.it.postgres", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

  @Rule public TemporaryFolder folder = new TemporaryFolder();

  private final String table = "churn_scores_recovery_" + UUID.randomUUID().toString().substring(0, 8);

  @After
  public void dropTables() throws Exception {
    try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + table);
      s.execute("DROP TABLE IF EXISTS " + table + "_away");
    }
  }

  @Test
  public void aJobThatFailsMidStreamResumesFromItsCheckpointWithoutLosingOrRepeatingScores() throws Exception {
    Path root = folder.getRoot().toPath();
    KafkaStreamScenario.Prepared prepared = KafkaStreamScenario.prepare(root);
    List<String> messages = prepared.messages;
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopic("telemetry", 1);
      int first = messages.size() / 5;
      kafka.produce("telemetry", messages.subList(0, first), KafkaStreamScenario::deviceOf);

      // the restart strategy goes in Flink's configuration: Flink 1.19 ignores --numberOfExecutionRetries
      Path flinkConf = Files.createDirectories(root.resolve("flink-conf"));
      Files.writeString(
          flinkConf.resolve("flink-conf.yaml"),
          "restart-strategy.type: fixed-delay\nrestart-strategy.fixed-delay.attempts: 5\nrestart-strategy.fixed-delay.delay: 2 s\n");
      Path output = root.resolve("stream");
      List<String> arguments = prepared.streamArguments("flink", kafka.bootstrapServers(), "telemetry");
      arguments.addAll(
          List.of(
              "--output", output.toString(), "--jdbc-url", URL, "--table", table, "--run-id", "recovery",
              // the sample is out of order by more than the default ten minutes: keep every reading
              "--allowed-lateness", "1d",
              "--checkpointingInterval=1000", "--flinkConfDir=" + flinkConf, "--parallelism=1")); // one partition
      ChurnProcess stream = ChurnProcess.start(root, Map.of(), arguments);

      // the rest of the telemetry arrives while the job runs, over about half a minute
      Thread producer =
          new Thread(
              () -> {
                try {
                  for (int from = first; from < messages.size(); from += 1000) {
                    kafka.produce("telemetry", messages.subList(from, Math.min(messages.size(), from + 1000)), KafkaStreamScenario::deviceOf);
                    Thread.sleep(700);
                  }
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      producer.start();

      // Kafka offsets are committed when a checkpoint completes: after the first, the table goes away
      // until the job has failed writing to it
      awaitCheckpoint(stream, kafka);
      try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
        s.execute("ALTER TABLE " + table + " RENAME TO " + table + "_away");
        awaitInLog(stream, "does not exist");
        s.execute("ALTER TABLE " + table + "_away RENAME TO " + table);
      }
      producer.join();

      // the stream runs until stopped: stop it once every hour with readings is scored
      awaitEveryHour(stream, output);
      stream.stop();
      List<List<String>> rows = ScoreFiles.read(output);
      assertThat("no row written twice", new HashSet<>(rows).size(), equalTo(rows.size()));

      try (Connection c = DriverManager.getConnection(URL);
          ResultSet r =
              c.createStatement()
                  .executeQuery(
                      "SELECT customer_id, scored_at, churn_probability, risk_band, model_version, reason_1, reason_2, reason_3 FROM "
                          + table + " WHERE run_id = 'recovery' ORDER BY customer_id")) {
        int customers = 0;
        while (r.next()) {
          customers++;
          String cutoff = r.getTimestamp(2).toInstant().toString();
          List<String> batch = prepared.batchScores(root.resolve("batch"), cutoff).get(r.getString(1));
          assertThat(r.getString(1) + " at " + cutoff, r.getDouble(3), closeTo(Double.parseDouble(batch.get(4)), 1e-12));
          List<String> reasons = List.of(r.getString(4), r.getString(5), nullToEmpty(r.getString(6)), nullToEmpty(r.getString(7)), nullToEmpty(r.getString(8)));
          assertThat(r.getString(1) + " at " + cutoff, reasons, equalTo(batch.subList(5, 10)));
        }
        assertThat("one row per customer: its latest score", customers, equalTo(3));
      }
    }
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }

  private static void awaitEveryHour(ChurnProcess stream, Path output) throws Exception {
    long deadline = System.currentTimeMillis() + 180_000;
    while (true) {
      List<List<String>> rows = Files.isDirectory(output) ? ScoreFiles.read(output) : List.of(); // none written yet
      if (rows.stream().map(row -> row.get(2) + "@" + row.get(1)).distinct().count() == 3 * 25) {
        Thread.sleep(5000); // the last corrections, and the table beside the files
        return;
      }
      if (System.currentTimeMillis() > deadline || !stream.process.isAlive()) {
        throw new AssertionError("the stream did not score every hour within 3 minutes:\n" + stream.output());
      }
      Thread.sleep(500);
    }
  }

  private static void awaitCheckpoint(ChurnProcess stream, EmbeddedKafka kafka) throws Exception {
    long deadline = System.currentTimeMillis() + 180_000;
    while (kafka.committedOffsets("churn-stream", "telemetry") == 0) {
      if (System.currentTimeMillis() > deadline || !stream.process.isAlive()) {
        throw new AssertionError("no checkpoint committed Kafka offsets:\n" + stream.output());
      }
      Thread.sleep(200);
    }
  }

  private static void awaitInLog(ChurnProcess stream, String text) throws Exception {
    long deadline = System.currentTimeMillis() + 120_000;
    while (!stream.output().contains(text)) {
      if (System.currentTimeMillis() > deadline || !stream.process.isAlive()) {
        throw new AssertionError("the job did not fail on the missing table:\n" + stream.output());
      }
      Thread.sleep(100);
    }
  }
}
