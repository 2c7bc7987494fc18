package dev.churn.runners.flink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churn.pipelines.ChurnProcess;
import dev.churn.pipelines.KafkaBrokerProcess;
import dev.churn.pipelines.KafkaStreamScenario;
import dev.churn.pipelines.ScoreFiles;
import dev.churn.pipelines.cli.ChurnCli;
import dev.churn.testdata.generate.ChurnDataGenerator;
import dev.churn.testdata.generate.GeneratorSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A bounded soak of {@code churn stream} on Flink: 2,000 generated customers' devices send a reading
 * every 10 s, live, through a Kafka broker in its own JVM, for {@code churn.soak.minutes} (5 by
 * default, to keep CI short; README gives a 10-minute run's figures), with planted bad messages every minute. A third of the way in the broker is stopped for
 * 30 s and started again; two thirds in PostgreSQL, where the scores go, is stopped for 75 s (longer
 * than a minute: at least one emission's writes meet it; they are retried, or the job fails and Flink
 * restarts it from its last checkpoint). At the end every customer-minute with
 * readings is scored, no row is written twice, the only dead letters are the planted ones, the scores at
 * three times and the table's latest rows equal batch scoring of the same readings, and the stream's
 * live heap and resident size stay flat (the curve is written to {@code target/soak-memory.csv}).
 */
public class StreamSoakFlinkIT {
  private static final String URL =
      System.getProperty("churn.it.postgres", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
  private static final double MINUTES = Double.parseDouble(System.getProperty("churn.soak.minutes", "5"));
  private static final long PERIOD_MILLIS = 10_000;
  /** Long enough for the stream to notice: more than the watermark's delay, and at least one emission's writes. */
  private static final long BROKER_DOWN_SECONDS = 30;
  private static final long DATABASE_DOWN_SECONDS = 75;
  private static final List<String> BAD_MESSAGES =
      List.of(
          "{\"device_id\":\"G0000001-1\",\"ts\":TS,\"data\":{\"temp\":",
          "{\"device_id\":\"aa:bb:cc:dd:ee:ff\",\"ts\":TS,\"data\":{\"temp\":20,\"humidity\":50}}");
  private static final List<String> PLANTED_REASONS = List.of("bad JSON", "unknown device aa:bb:cc:dd:ee:ff");

  @Rule public TemporaryFolder folder = new TemporaryFolder();

  private final String table = "churn_scores_soak_" + UUID.randomUUID().toString().substring(0, 8);

  @After
  public void dropTable() throws Exception {
    try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + table);
    }
  }

  @Test
  public void aLiveStreamThroughABrokerAndADatabaseRestartScoresEveryCustomerMinuteOnce() throws Exception {
    Path root = folder.getRoot().toPath();
    Path data = root.resolve("generated");
    GeneratorSettings settings = new GeneratorSettings();
    settings.customers = 2000;
    settings.countries = 2;
    settings.telemetryDays = 2;
    new ChurnDataGenerator(settings).writeTo(data, n -> {});
    Path registry = root.resolve("registry");
    cli("train", "--customers", data.resolve("customers.csv").toString(), "--schema", data.resolve("customers.schema.yaml").toString(),
        "--devices", data.resolve("devices.csv").toString(), "--telemetry", data.resolve("telemetry.csv").toString(),
        "--cutoff", "2026-01-01", "--registry", registry.toString(), "--folds", "2", "--candidates", "logistic");
    Map<String, String> customerOf = new HashMap<>();
    Files.readAllLines(data.resolve("devices.csv")).stream().skip(1).map(l -> l.split(",")).forEach(f -> customerOf.put(f[0], f[1]));

    try (KafkaBrokerProcess kafka = KafkaBrokerProcess.start(root.resolve("kafka"))) {
      kafka.createTopic("telemetry", 2);
      Path flinkConf = Files.createDirectories(root.resolve("flink-conf"));
      Files.writeString(
          flinkConf.resolve("flink-conf.yaml"),
          "restart-strategy.type: fixed-delay\nrestart-strategy.fixed-delay.attempts: 100\nrestart-strategy.fixed-delay.delay: 3 s\n"
              + "state.checkpoint-storage: filesystem\nstate.checkpoints.dir: " + root.resolve("checkpoints").toUri() + "\n");
      Path output = root.resolve("stream");
      ChurnProcess stream =
          ChurnProcess.start(
              root, Map.of(),
              List.of(
                  "stream", "--runner", "flink", "--customers", data.resolve("customers.csv").toString(), "--registry", registry.toString(),
                  "--model-version", "v0001", "--devices", data.resolve("devices.csv").toString(), "--bootstrap-servers", kafka.bootstrapServers(),
                  "--topic", "telemetry", "--emit-every", "1m", "--output", output.toString(), "--jdbc-url", URL, "--table", table,
                  "--run-id", "soak", "--checkpointingInterval=10000", "--flinkConfDir=" + flinkConf, "--parallelism=2"));

      long start = System.currentTimeMillis() + 5000;
      long end = start + Math.round(MINUTES * 60_000);
      SteadyTelemetry telemetry = new SteadyTelemetry(data.resolve("telemetry.csv"), start, PERIOD_MILLIS, end, 7);
      Path sent = root.resolve("sent.jsonl");
      Thread producer = new Thread(() -> telemetry.run(kafka.bootstrapServers(), "telemetry", sent, BAD_MESSAGES, 60_000), "soak-producer");
      producer.start();
      MemoryCurve memory = new MemoryCurve(stream.process.pid());
      List<String> events = new ArrayList<>();

      long brokerStopAt = start + (end - start) / 3;
      long databaseStopAt = start + 2 * (end - start) / 3;
      long databaseBackAt = 0;
      double brokerStoppedSeconds = 0;
      while (System.currentTimeMillis() < end) {
        assertThat("the stream is running:\n" + stream.output(), stream.process.isAlive());
        memory.sample();
        if (brokerStopAt > 0 && System.currentTimeMillis() >= brokerStopAt) {
          brokerStoppedSeconds = memory.seconds();
          events.add(String.format("%.0f s: broker stopped for %d s", brokerStoppedSeconds, BROKER_DOWN_SECONDS));
          kafka.stop();
          Thread.sleep(BROKER_DOWN_SECONDS * 1000);
          kafka.startAgain();
          brokerStopAt = 0;
        }
        if (databaseStopAt > 0 && System.currentTimeMillis() >= databaseStopAt) {
          events.add(String.format("%.0f s: PostgreSQL stopped for %d s", memory.seconds(), DATABASE_DOWN_SECONDS));
          postgres("stop", "-m", "fast");
          Thread.sleep(DATABASE_DOWN_SECONDS * 1000);
          postgres("start");
          databaseBackAt = System.currentTimeMillis();
          databaseStopAt = 0;
        }
        Thread.sleep(15_000);
      }
      producer.join();
      assertThat("every message was accepted by the broker", telemetry.failure.get() == null ? "" : telemetry.failure.get().toString(), equalTo(""));

      // every customer-minute with readings: the minute's end, at which its features and score are emitted
      Set<String> expected = new TreeSet<>();
      telemetry.sendTimesByDevice().forEach((device, times) -> times.forEach(t -> expected.add(customerOf.get(device) + "@" + Instant.ofEpochMilli((t / 60_000 + 1) * 60_000))));
      List<List<String>> rows = awaitEvery(expected, stream, output, memory);
      memory.sample();
      List<String> databaseErrors =
          stream.output().lines().filter(l -> l.contains("5432") || l.contains("PSQLException")).collect(Collectors.toList());
      stream.stop();
      Path curve = Path.of("target", "soak-memory.csv");
      Files.writeString(curve, memory.csv());
      System.out.printf("soak: %d messages sent (%d planted bad ones), %d score rows for %d customer-minutes; %s%nmemory (%s):%n%s",
          telemetry.sent.get(), telemetry.planted.get(), rows.size(), expected.size(), events, curve.toAbsolutePath(), memory.csv());

      assertThat("the stream met the database outage", databaseErrors.size(), greaterThan(0));
      System.out.println("the stream's log on the database outage, first lines:\n" + String.join("\n", databaseErrors.subList(0, Math.min(5, databaseErrors.size()))));
      assertThat("no row written twice", new HashSet<>(rows).size(), equalTo(rows.size()));
      Set<String> scored = rows.stream().map(StreamSoakFlinkIT::key).collect(Collectors.toCollection(TreeSet::new));
      assertThat("every customer-minute with readings is scored, and no other", scored, equalTo(expected));

      List<String> deadLetters = KafkaStreamScenario.readLines(output, "dead-letters-");
      assertThat("as many dead letters as planted bad messages", (long) deadLetters.size(), equalTo(telemetry.planted.get()));
      ObjectMapper json = new ObjectMapper();
      for (String line : deadLetters) {
        String reason = json.readTree(line).get("reason").asText();
        assertThat(reason, PLANTED_REASONS.stream().anyMatch(reason::contains));
      }

      // the streamed scores equal batch scoring of the same readings: before the restarts, after both, at the end
      Map<String, List<List<String>>> byKey = rows.stream().collect(Collectors.groupingBy(StreamSoakFlinkIT::key));
      List<Instant> minutes = expected.stream().map(k -> Instant.parse(k.substring(k.indexOf('@') + 1))).distinct().sorted().collect(Collectors.toList());
      Instant first = minutes.get(0);
      Instant last = minutes.get(minutes.size() - 1);
      Instant beforeRestarts = latest(first, minute(start + (end - start) / 3));
      Instant afterRestarts = earliest(last, minute(databaseBackAt + 120_000));
      for (Instant cutoff : new TreeSet<>(List.of(beforeRestarts, afterRestarts, last))) {
        int compared = 0;
        for (List<String> batch : batchScores(root, data, registry, sent, cutoff).values()) {
          List<List<String>> streamed = byKey.get(batch.get(2) + "@" + cutoff);
          if (streamed != null) {
            compared++;
            assertThat(batch.get(2) + " at " + cutoff + ": one of " + streamed + " equals batch " + batch,
                streamed.stream().anyMatch(s -> sameScore(s, batch)));
          }
        }
        assertThat("customers compared at " + cutoff, compared > 0);
      }

      try (Connection c = DriverManager.getConnection(URL);
          ResultSet r = c.createStatement().executeQuery("SELECT customer_id, scored_at FROM " + table + " WHERE run_id = 'soak'")) {
        Map<String, String> latest = new TreeMap<>();
        while (r.next()) {
          latest.put(r.getString(1), r.getTimestamp(2).toInstant().toString());
        }
        Map<String, Instant> lastScored = new TreeMap<>();
        expected.forEach(k -> lastScored.merge(k.substring(0, k.indexOf('@')), Instant.parse(k.substring(k.indexOf('@') + 1)), (a, b) -> a.isAfter(b) ? a : b));
        assertThat("one row per customer in the table: its latest score", latest.keySet(), equalTo(lastScored.keySet()));
        List<String> stale = new ArrayList<>();
        lastScored.forEach((customer, at) -> {
          if (!Instant.parse(latest.get(customer)).equals(at)) {
            stale.add(customer + " " + latest.get(customer) + " instead of " + at);
          }
        });
        assertThat("the table holds each customer's latest minute", stale, empty());
      }

      // flat: the last minute's live heap and resident size against those before the restarts, beyond a margin
      // (a job restart holds the old and the new tasks' memory for a moment: a peak, not a trend)
      double lastMinute = memory.samples.get(memory.samples.size() - 1).seconds - 60;
      double heapBefore = memory.median(60, brokerStoppedSeconds, false);
      double heapAtEnd = memory.median(lastMinute, Double.MAX_VALUE, false);
      double residentBefore = memory.median(60, brokerStoppedSeconds, true);
      double residentAtEnd = memory.median(lastMinute, Double.MAX_VALUE, true);
      System.out.printf("live heap %.0f MiB before the restarts, %.0f MiB in the last minute; resident %.0f MiB and %.0f MiB%n",
          heapBefore, heapAtEnd, residentBefore, residentAtEnd);
      assertThat("live heap (MiB) in the last minute", heapAtEnd, lessThan(heapBefore * 1.5 + 64));
      assertThat("resident size (MiB) in the last minute", residentAtEnd, lessThan(residentBefore * 1.25 + 128));
    }
  }

  private static String key(List<String> row) {
    return row.get(2) + "@" + Instant.parse(row.get(1));
  }

  private static Instant minute(long millis) {
    return Instant.ofEpochMilli(millis / 60_000 * 60_000);
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant earliest(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static boolean sameScore(List<String> streamed, List<String> batch) {
    return Math.abs(Double.parseDouble(streamed.get(4)) - Double.parseDouble(batch.get(4))) < 1e-12 && streamed.subList(5, 10).equals(batch.subList(5, 10));
  }

  private static Map<String, List<String>> batchScores(Path root, Path data, Path registry, Path telemetry, Instant cutoff) throws Exception {
    Path out = root.resolve("batch-" + cutoff.getEpochSecond());
    cli("score", "--customers", data.resolve("customers.csv").toString(), "--registry", registry.toString(), "--model-version", "v0001",
        "--devices", data.resolve("devices.csv").toString(), "--telemetry", telemetry.toString(), "--cutoff", cutoff.toString(),
        "--output", out.toString(), "--run-id", "batch");
    Map<String, List<String>> rows = new HashMap<>();
    ScoreFiles.read(out).forEach(row -> rows.put(row.get(2), row));
    return rows;
  }

  private static List<List<String>> awaitEvery(Set<String> expected, ChurnProcess stream, Path output, MemoryCurve memory) throws Exception {
    long deadline = System.currentTimeMillis() + 240_000;
    while (true) {
      List<List<String>> rows = Files.isDirectory(output) ? ScoreFiles.read(output) : List.of();
      Set<String> scored = rows.stream().map(StreamSoakFlinkIT::key).collect(Collectors.toSet());
      memory.sample();
      if (scored.containsAll(expected)) {
        Thread.sleep(15_000); // the table beside the files, and any late duplicate
        return ScoreFiles.read(output);
      }
      if (System.currentTimeMillis() > deadline || !stream.process.isAlive()) {
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(scored);
        throw new AssertionError(missing.size() + " customer-minutes not scored within 4 minutes of the last message, such as "
            + missing.stream().limit(5).collect(Collectors.toList()) + ":\n" + stream.output());
      }
      Thread.sleep(5000);
    }
  }

  /** Stops or starts the local PostgreSQL cluster ({@code churn.it.postgres.cluster}: VERSION NAME). */
  private static void postgres(String... action) throws Exception {
    String cluster = System.getProperty("churn.it.postgres.cluster");
    if (cluster == null) {
      try (Stream<Path> versions = Files.list(Path.of("/etc/postgresql"))) {
        cluster = versions.map(p -> p.getFileName().toString()).sorted().reduce((a, b) -> b).orElseThrow() + " main";
      }
    }
    List<String> command = new ArrayList<>(List.of("pg_ctlcluster", "--skip-systemctl-redirect"));
    command.addAll(List.of(cluster.split(" ")));
    command.addAll(List.of(action));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String printed = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(command + " printed " + printed, p.waitFor(), equalTo(0));
  }

  private static void cli(String... arguments) {
    assertThat(String.join(" ", arguments), ChurnCli.execute(arguments), equalTo(0));
  }
}
