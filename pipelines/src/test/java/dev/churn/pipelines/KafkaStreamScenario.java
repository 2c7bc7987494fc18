package dev.churn.pipelines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churn.pipelines.cli.ChurnCli;
import dev.churn.testdata.TelemetrySample;
import dev.churn.testdata.generate.ChurnDataGenerator;
import dev.churn.testdata.generate.GeneratorSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The real telemetry sample through a real Kafka broker into {@code churn stream}: a model trained with
 * telemetry features on generated customers scores three of them, whose devices are the sample's three
 * devices. Checks the score rows against batch scoring at the same cutoffs, the JDBC table (one row per
 * customer: the latest), the online store of event features ({@link OnlineStores}), and that
 * malformed messages are dead-lettered while the stream goes on.
 */
public final class KafkaStreamScenario {
  private KafkaStreamScenario() {}

  static final List<String> CUSTOMERS = List.of("G0000001", "G0000002", "G0000003");
  static final List<String> BAD_MESSAGES =
      List.of(
          "{\"device_id\":\"0e:9c:00:4c:1c:51\",\"ts\":1594600000.0,\"data\":{\"temp\":", // bad JSON
          "{\"device_id\":\"0e:9c:00:4c:1c:51\",\"ts\":1594600001.0,\"data\":{\"humidity\":50}}", // no temp
          "{\"device_id\":\"0e:9c:00:4c:1c:51\",\"ts\":1594600002.0,\"data\":{\"temp\":\"warm\",\"humidity\":50}}",
          "{\"device_id\":\"aa:bb:cc:dd:ee:ff\",\"ts\":1594600003.0,\"data\":{\"temp\":20,\"humidity\":50}}"); // unknown

  /** A model with telemetry features, the sample's device registry and its messages, ready to stream. */
  public static final class Prepared {
    public Path customers;
    public Path registry;
    public Path devices;
    public Path telemetryJson;
    /** The sample's messages with {@link #BAD_MESSAGES} among them. */
    public final List<String> messages = new ArrayList<>();

    /** {@code churn stream} of these inputs from {@code topic}, without an end: add one, and the outputs. */
    public List<String> streamArguments(String runner, String bootstrapServers, String topic) {
      return new ArrayList<>(
          List.of(
              "stream", "--runner", runner, "--customers", customers.toString(), "--registry", registry.toString(),
              "--model-version", "v0001", "--devices", devices.toString(), "--bootstrap-servers", bootstrapServers,
              "--topic", topic, "--emit-every", "1h"));
    }

    /** The score rows of {@link #CUSTOMERS} from batch scoring as of {@code cutoff}, by customer id. */
    public Map<String, List<String>> batchScores(Path folder, String cutoff) throws Exception {
      Path batch = folder.resolve(cutoff.substring(0, 13));
      check(
          "batch score",
          "score", "--customers", customers.toString(), "--registry", registry.toString(), "--model-version", "v0001",
          "--devices", devices.toString(), "--telemetry", telemetryJson.toString(), "--cutoff", cutoff,
          "--output", batch.toString(), "--run-id", "batch");
      Map<String, List<String>> rows = new HashMap<>();
      for (List<String> row : ScoreFiles.read(batch)) {
        if (CUSTOMERS.contains(row.get(2))) {
          rows.put(row.get(2), row);
        }
      }
      return rows;
    }
  }

  public static Prepared prepare(Path root) throws Exception {
    // a model with telemetry features, trained on generated customers
    Path data = root.resolve("generated");
    GeneratorSettings settings = new GeneratorSettings();
    settings.customers = 800;
    settings.countries = 2;
    settings.readingsPerDay = 12;
    new ChurnDataGenerator(settings).writeTo(data, n -> {});
    Prepared prepared = new Prepared();
    prepared.customers = data.resolve("customers.csv");
    prepared.registry = root.resolve("registry");
    check(
        "train",
        "train", "--customers", prepared.customers.toString(), "--schema", data.resolve("customers.schema.yaml").toString(),
        "--devices", data.resolve("devices.csv").toString(), "--telemetry", data.resolve("telemetry.csv").toString(),
        "--cutoff", "2026-01-01", "--registry", prepared.registry.toString(), "--folds", "2", "--candidates", "logistic");

    // the sample's devices belong to three of those customers
    prepared.devices = TelemetrySample.writeRegistry(root.resolve("devices.csv"), CUSTOMERS);
    prepared.telemetryJson = TelemetrySample.unzipTo(root.resolve("sample"));
    new ObjectMapper().readTree(prepared.telemetryJson.toFile()).forEach(m -> prepared.messages.add(m.toString()));
    prepared.messages.addAll(1000, BAD_MESSAGES);
    return prepared;
  }

  public static void run(String runner, Path root) throws Exception {
    Prepared prepared = prepare(root);
    List<String> messages = prepared.messages;
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopic("telemetry", 1); // --max-records splits its quota across partitions
      kafka.produce("telemetry", messages, KafkaStreamScenario::deviceOf);
      Path output = root.resolve("stream-" + runner);
      String jdbc = "jdbc:h2:" + root.resolve("scores-" + runner).toAbsolutePath();
      List<String> arguments = prepared.streamArguments(runner, kafka.bootstrapServers(), "telemetry");
      OnlineStores stores = OnlineStores.forRunner(runner);
      arguments.addAll(
          List.of("--max-records", String.valueOf(messages.size()), "--output", output.toString(), "--jdbc-url", jdbc, "--run-id", "stream-test",
              "--online-store", stores.streamed));
      check("stream", arguments.toArray(new String[0]));
      stores.check(prepared, root.resolve("online-" + runner));

      Map<String, List<String>> streamed = new HashMap<>(); // customer@scored_at -> row
      for (List<String> row : ScoreFiles.read(output)) {
        streamed.put(row.get(2) + "@" + row.get(1), row);
      }
      assertThat("3 customers, 25 hours with readings: " + new java.util.TreeSet<>(streamed.keySet()), streamed.size(), equalTo(3 * 25));

      // the same customers scored in batch at two cutoffs give the same probabilities
      for (String cutoff : List.of("2020-07-13T06:00:00Z", "2020-07-14T00:00:00Z")) {
        for (List<String> row : prepared.batchScores(root.resolve("batch-" + runner), cutoff).values()) {
          List<String> stream = streamed.get(row.get(2) + "@" + cutoff.replace("Z", ".000Z"));
          assertThat(row.get(2) + " at " + cutoff, stream != null);
          assertThat(Double.parseDouble(stream.get(4)), closeTo(Double.parseDouble(row.get(4)), 1e-12));
          assertThat(stream.subList(5, 10), equalTo(row.subList(5, 10)));
        }
      }

      try (Connection c = DriverManager.getConnection(jdbc);
          ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*), MAX(scored_at) FROM churn_scores WHERE run_id = 'stream-test'")) {
        r.next();
        assertThat("one row per customer: its latest score", r.getInt(1), equalTo(3));
        assertThat(r.getTimestamp(2).toInstant().toString(), equalTo("2020-07-14T01:00:00Z"));
      }
      String deadLetters = readLines(output, "dead-letters-").stream().collect(Collectors.joining("\n"));
      for (String reason : List.of("bad JSON", "missing field temp", "'warm' is not a number", "unknown device aa:bb:cc:dd:ee:ff")) {
        assertThat(deadLetters, containsString(reason));
      }
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The key of a message: its device (one partition per device), "unknown" when it is not JSON. */
  public static String deviceOf(String message) {
    try {
      JsonNode node = JSON.readTree(message);
      return node.path("device_id").asText("unknown");
    } catch (Exception e) {
      return "unknown";
    }
  }

  static void check(String what, String... args) {
    assertThat(what, ChurnCli.execute(args), equalTo(0));
  }

  /** The lines of the files in {@code folder} whose names start with {@code prefix}, in file name order. */
  public static List<String> readLines(Path folder, String prefix) throws Exception {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().collect(Collectors.toList())) {
        lines.addAll(Files.readAllLines(file));
      }
    }
    return lines;
  }
}
