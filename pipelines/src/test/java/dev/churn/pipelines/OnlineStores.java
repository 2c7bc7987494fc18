package dev.churn.pipelines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churn.pipelines.online.OnlineStore;
import dev.churn.pipelines.serve.ScoreRequest;
import dev.churn.pipelines.serve.ScoringServer;
import dev.churn.pipelines.serve.ServedModels;
import dev.churn.pipelines.storage.RegistryLocation;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.RedisClient;

/**
 * The online store a {@code churn stream} of {@link KafkaStreamScenario} wrote, on the machine's Redis
 * (two databases per runner, which the test empties): each customer's features equal those
 * {@code churn materialize} computes from the same telemetry in batch at the stream's last emission,
 * every column, and the endpoint that looks them up scores each customer as batch scoring does at that
 * cutoff.
 */
final class OnlineStores {
  static final String LAST_EMISSION = "2020-07-14T01:00:00Z";
  private static final String REDIS = "redis://127.0.0.1:6379/";
  /** A customer the sample's devices do not belong to: no events, so nothing streamed. */
  private static final String WITHOUT_EVENTS = "G0000004";

  final String streamed;
  final String materialized;

  private OnlineStores(int firstDb) {
    this.streamed = REDIS + firstDb;
    this.materialized = REDIS + (firstDb + 1);
    for (String store : List.of(streamed, materialized)) {
      try (RedisClient redis = OnlineStore.at(store).connect()) {
        redis.flushDB();
      }
    }
  }

  static OnlineStores forRunner(String runner) {
    return new OnlineStores(runner.equals("direct") ? 14 : 11);
  }

  void check(KafkaStreamScenario.Prepared prepared, Path folder) throws Exception {
    KafkaStreamScenario.check(
        "materialize",
        "materialize", "--customers", prepared.customers.toString(), "--registry", prepared.registry.toString(), "--model-version", "v0001",
        "--devices", prepared.devices.toString(), "--telemetry", prepared.telemetryJson.toString(), "--cutoff", LAST_EMISSION,
        "--online-store", materialized);
    try (RedisClient stream = OnlineStore.at(streamed).connect(); RedisClient batch = OnlineStore.at(materialized).connect()) {
      assertThat("every customer materialized", batch.dbSize(), equalTo((long) Files.readAllLines(prepared.customers).size() - 1));
      assertThat("the stream's customers only", stream.dbSize(), equalTo((long) KafkaStreamScenario.CUSTOMERS.size()));
      for (String id : KafkaStreamScenario.CUSTOMERS) {
        Map<String, String> online = stream.hgetAll(OnlineStore.KEY_PREFIX + id);
        Map<String, String> offline = batch.hgetAll(OnlineStore.KEY_PREFIX + id);
        assertThat(id + ": the same columns", online.keySet(), equalTo(offline.keySet()));
        assertThat(online.get("as_of_time"), equalTo(LAST_EMISSION));
        for (Map.Entry<String, String> column : offline.entrySet()) {
          String value = online.get(column.getKey());
          if (column.getValue().isEmpty() || value.isEmpty() || column.getKey().startsWith("as_of")) {
            assertThat(id + " " + column.getKey(), value, equalTo(column.getValue()));
          } else {
            double expected = Double.parseDouble(column.getValue());
            assertThat(id + " " + column.getKey(), Double.parseDouble(value), closeTo(expected, 1e-9 * Math.max(1, Math.abs(expected))));
          }
        }
      }
    }
    checkTheEndpoint(prepared, folder);
  }

  /** Customers sent without their event features get the stored ones, and the scores of batch scoring at the stream's last emission. */
  private void checkTheEndpoint(KafkaStreamScenario.Prepared prepared, Path folder) throws Exception {
    Map<String, List<String>> batch = prepared.batchScores(folder, LAST_EMISSION);
    List<String> lines = Files.readAllLines(prepared.customers);
    List<String> sent = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String id = line.substring(0, line.indexOf(','));
      if (KafkaStreamScenario.CUSTOMERS.contains(id) || id.equals(WITHOUT_EVENTS)) {
        sent.add(line);
      }
    }
    ScoringServer.Settings settings = new ScoringServer.Settings();
    settings.port = 0;
    settings.onlineStore = OnlineStore.at(streamed);
    try (ScoringServer server = ScoringServer.start(ServedModels.open(RegistryLocation.of(prepared.registry), "v0001", Duration.ZERO), settings)) {
      HttpResponse<String> answer =
          HttpClient.newHttpClient().send(
              HttpRequest.newBuilder(server.address().resolve("v1/score")).POST(HttpRequest.BodyPublishers.ofString(ScoreRequest.fromCsv(lines.get(0), sent))).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(answer.body(), answer.statusCode(), equalTo(200));
      JsonNode scores = new ObjectMapper().readTree(answer.body()).get("scores");
      assertThat(scores.size(), equalTo(KafkaStreamScenario.CUSTOMERS.size() + 1));
      for (JsonNode score : scores) {
        String id = score.get("customer_id").asText();
        if (id.equals(WITHOUT_EVENTS)) {
          assertThat(score.get("event_features").asText(), equalTo("none: not in the online store, so those of a customer without events"));
          continue;
        }
        assertThat(score.get("event_features").asText(), equalTo("online store, as of " + LAST_EMISSION));
        assertThat(id, score.get("churn_probability").asDouble(), closeTo(Double.parseDouble(batch.get(id).get(4)), 1e-12));
      }
    }
  }
}
