package dev.churn.pipelines.serve;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churn.pipelines.ScoreFiles;
import dev.churn.pipelines.TrainedTelco;
import dev.churn.pipelines.cli.Cli;
import dev.churn.pipelines.storage.RegistryLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The endpoint over the trained Telco registry: the scores of {@code churn score} for the same
 * customers, whether sent one by one, all at once or from many threads; each bad request's status and
 * message; the API key.
 */
public class ScoringServerTest {
  private static TrainedTelco telco;
  private static String header;
  private static List<String> customers;
  /** {@code churn score}'s rows by customer id. */
  private static final Map<String, List<String>> batch = new HashMap<>();
  private static ScoringServer server;
  private static Endpoint endpoint;

  @BeforeClass
  public static void scoreInBatchAndStartTheServer() throws Exception {
    telco = TrainedTelco.get();
    assertThat(telco.promoteExitCode, equalTo(0));
    Path output = Files.createTempDirectory("churn-serve-batch-");
    Cli scored = Cli.run("score", "--customers", telco.data.score.toString(), "--registry", telco.registry.toString(), "--output", output.toString());
    assertThat(scored.err, scored.exitCode, equalTo(0));
    for (List<String> row : ScoreFiles.read(output)) {
      batch.put(row.get(2), row);
    }
    List<String> lines = Files.readAllLines(telco.data.score);
    header = lines.get(0);
    customers = lines.subList(1, lines.size());
    server = start(new ScoringServer.Settings());
    endpoint = new Endpoint(server.address(), null);
  }

  @AfterClass
  public static void stop() {
    server.close();
  }

  static ScoringServer start(ScoringServer.Settings settings) throws Exception {
    settings.port = 0;
    return ScoringServer.start(ServedModels.open(RegistryLocation.of(telco.registry), null, Duration.ZERO), settings);
  }

  /** Asserts that the endpoint's scores are {@code churn score}'s for the same customers. */
  private static void assertSameAsBatch(JsonNode scores, int expected) {
    assertThat(scores.size(), equalTo(expected));
    for (JsonNode score : scores) {
      List<String> row = batch.get(score.get("customer_id").asText());
      assertThat(score.get("segment").asText(), equalTo(row.get(3)));
      assertThat(score.get("churn_probability").asDouble(), closeTo(Double.parseDouble(row.get(4)), 1e-12));
      assertThat(score.get("risk_band").asText(), equalTo(row.get(5)));
      assertThat(score.get("model_version").asText(), equalTo(row.get(6)));
      List<String> reasons = new ArrayList<>();
      score.get("reasons").forEach(r -> reasons.add(r.asText()));
      List<String> batchReasons = new ArrayList<>();
      row.subList(7, 10).stream().filter(r -> !r.isEmpty()).forEach(batchReasons::add);
      assertThat(reasons, equalTo(batchReasons));
    }
  }

  @Test
  public void scoresEveryCustomerAsBatchScoringDoesAllAtOnceAndOneByOne() {
    Endpoint.Answer all = endpoint.post("v1/score", Endpoint.customersJson(header, customers));
    assertThat(all.body, all.status, equalTo(200));
    assertSameAsBatch(all.json().get("scores"), customers.size());
    for (String customer : customers.subList(0, 25)) {
      Endpoint.Answer one = endpoint.post("v1/score", Endpoint.customersJson(header, List.of(customer)));
      assertThat(one.body, one.status, equalTo(200));
      assertSameAsBatch(one.json().get("scores"), 1);
    }
  }

  @Test
  public void manyThreadsAtOnceGetTheSameScores() throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int first = t;
        done.add(clients.submit(() -> {
          int checked = 0;
          for (int i = first; i < customers.size(); i += 8) {
            Endpoint.Answer answer = endpoint.post("v1/score", Endpoint.customersJson(header, customers.subList(i, Math.min(i + 1 + i % 3, customers.size()))));
            assertThat(answer.body, answer.status, equalTo(200));
            JsonNode scores = answer.json().get("scores");
            assertSameAsBatch(scores, scores.size());
            checked += scores.size();
          }
          return checked;
        }));
      }
      int checked = 0;
      for (Future<Integer> d : done) {
        checked += d.get();
      }
      assertThat(checked > customers.size(), equalTo(true));
    } finally {
      clients.shutdownNow();
    }
  }

  private static String customer(String column, String value) {
    List<String> columns = List.of(header.split(","));
    List<String> fields = new ArrayList<>(List.of(customers.get(0).split(",", -1)));
    fields.set(columns.indexOf(column), value);
    return Endpoint.customersJson(header, List.of(String.join(",", fields)));
  }

  private static void assertRefused(Endpoint.Answer answer, int status, String message) {
    assertThat(answer.body, answer.status, equalTo(status));
    assertThat(answer.error(), startsWith(message));
  }

  @Test
  public void badRequestsGetTheirStatusAndOneLineNamingTheCustomerAndField() {
    String id = customers.get(0).split(",")[0];
    assertRefused(endpoint.post("v1/score", "{\"customers\": [ {"), 400, "the body is not JSON");
    assertRefused(endpoint.post("v1/score", "[1, 2]"), 400, "expected {\"customers\": [{...}, ...]}");
    assertRefused(endpoint.post("v1/score", "{\"customers\": [7]}"), 400, "customers[0]: expected an object keyed by column name");
    assertRefused(endpoint.post("v1/score", customer("Contract", "Weekly")), 400,
        "customer " + id + " (customers[0]): column Contract: 'Weekly' is not one of [Month-to-month, One year, Two year]");
    assertRefused(endpoint.post("v1/score", customer("tenure", "ten")), 400, "customer " + id + " (customers[0]): column tenure: 'ten' is not a number");
    assertRefused(endpoint.post("v1/score", customer("customerID", "")), 400, "customers[0]: missing customer id (column customerID)");
    assertRefused(endpoint.post("v1/score", customer("tenure", "ten").replace("\"tenure\":\"ten\",", "")), 400,
        "customer " + id + " (customers[0]): missing field 'tenure' (give null for a missing value)");
    assertRefused(endpoint.post("v1/score", customer("tenure", "ten").replace("\"tenure\":\"ten\"", "\"tenure\":[1]")), 400,
        "customer " + id + " (customers[0]): field 'tenure': expected a string or a number, found array");
    assertRefused(endpoint.get("v1/score"), 405, "/v1/score takes POST");
    assertRefused(endpoint.get("nope"), 404, "no such path: /nope");
    // a JSON number and null are a CSV cell's number and blank
    Endpoint.Answer numbers = endpoint.post("v1/score", customer("tenure", "ten").replace("\"tenure\":\"ten\"", "\"tenure\":12").replace("\"TotalCharges\":\"", "\"TotalCharges\":null,\"x\":\""));
    assertThat(numbers.body, numbers.status, equalTo(200));
    assertThat(endpoint.get("healthz").status, equalTo(200));
  }

  @Test
  public void requestsOverTheLimitsAreRefusedWith413() throws Exception {
    ScoringServer.Settings settings = new ScoringServer.Settings();
    settings.maxCustomers = 5;
    settings.maxBodyBytes = 20_000;
    try (ScoringServer small = start(settings)) {
      Endpoint limited = new Endpoint(small.address(), null);
      assertRefused(limited.post("v1/score", Endpoint.customersJson(header, customers.subList(0, 6))), 413, "at most 5 customers per request; this one has 6");
      assertRefused(limited.post("v1/score", Endpoint.customersJson(header, customers.subList(0, 60))), 413, "the body is larger than");
      assertThat(limited.post("v1/score", Endpoint.customersJson(header, customers.subList(0, 5))).status, equalTo(200));
    }
  }

  @Test
  public void withAnApiKeyOnlyRequestsThatCarryItAreServed() throws Exception {
    String key = "k3y-" + System.nanoTime();
    ScoringServer.Settings settings = new ScoringServer.Settings();
    settings.apiKey = key;
    try (ScoringServer guarded = start(settings)) {
      String body = Endpoint.customersJson(header, customers.subList(0, 2));
      Endpoint.Answer none = new Endpoint(guarded.address(), null).post("v1/score", body);
      assertRefused(none, 401, "missing or wrong API key");
      assertRefused(new Endpoint(guarded.address(), "wrong").post("v1/score", body), 401, "missing or wrong API key");
      assertRefused(new Endpoint(guarded.address(), null).get("metrics"), 401, "missing or wrong API key");
      assertThat(new Endpoint(guarded.address(), null).get("healthz").status, equalTo(200));
      Endpoint keyed = new Endpoint(guarded.address(), key);
      assertThat(keyed.post("v1/score", body).status, equalTo(200));
      for (Endpoint.Answer answer : List.of(none, keyed.get("metrics"), keyed.get("v1/models"), keyed.post("v1/score", body))) {
        assertThat(answer.body, not(containsString(key)));
      }
    }
  }

  @Test
  public void modelsAndMetricsSayWhatIsServedAndWhatWasAsked() {
    assertThat(endpoint.post("v1/score", Endpoint.customersJson(header, customers.subList(0, 3))).status, equalTo(200));
    JsonNode models = endpoint.get("v1/models").json();
    assertThat(models.get("default_version").asText(), equalTo("v0001"));
    assertThat(models.get("follows_champions").asBoolean(), equalTo(true));
    assertThat(models.get("segments").get("Month-to-month").asText(), startsWith("v0001/"));
    String metrics = endpoint.get("metrics").body;
    assertThat(metrics, containsString("churn_http_requests_total{path=\"/v1/score\",status=\"200\"} "));
    assertThat(metrics, containsString("churn_score_request_duration_seconds_bucket{le=\"+Inf\"} "));
    assertThat(metrics, containsString("churn_model_served{version=\"v0001\"} 1"));
    long scored = metrics.lines().filter(l -> l.startsWith("churn_customers_scored_total ")).mapToLong(l -> Long.parseLong(l.split(" ")[1])).sum();
    assertThat(scored >= 3, equalTo(true));
  }
}
