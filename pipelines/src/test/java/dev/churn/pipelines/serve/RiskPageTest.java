package dev.churn.pipelines.serve;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churn.pipelines.ScoreFiles;
import dev.churn.pipelines.TrainedTelco;
import dev.churn.pipelines.cli.Cli;
import dev.churn.pipelines.rows.ScoreRows;
import dev.churn.pipelines.sink.ScoreTable;
import dev.churn.pipelines.storage.RegistryLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The page's data ({@code GET /v1/risk}) against the scores themselves: the latest run of a score table
 * written by {@code churn score}, or the customers the endpoint scored last; the page's form has a
 * field per column; the page needs no key, its data does.
 */
public class RiskPageTest {
  private static final String URL = "jdbc:h2:mem:risk-page;DB_CLOSE_DELAY=-1";
  private static TrainedTelco telco;
  private static String header;
  private static List<String> customers;
  /** {@code churn score}'s rows of run "latest". */
  private static List<List<String>> scored;

  @BeforeClass
  public static void scoreIntoATable() throws Exception {
    telco = TrainedTelco.get();
    Path output = Files.createTempDirectory("churn-risk-page-");
    Cli run = Cli.run("score", "--customers", telco.data.score.toString(), "--registry", telco.registry.toString(), "--output", output.toString(),
        "--jdbc-url", URL, "--run-id", "latest");
    assertThat(run.err, run.exitCode, equalTo(0));
    scored = ScoreFiles.read(output);
    // an older run, whose customer is riskier than any: the page must not show it
    try (Connection connection = table(ScoreTable.DEFAULT_NAME).connect(); Statement insert = connection.createStatement()) {
      insert.executeUpdate("INSERT INTO churn_scores (run_id, scored_at, customer_id, segment, churn_probability, risk_band, model_version, reason_1)"
          + " VALUES ('older', TIMESTAMP '2001-01-01 00:00:00', 'old-customer', 'Month-to-month', 0.999, 'high', 'v0001/global', 'tenure = 1 months (low)')");
    }
    List<String> lines = Files.readAllLines(telco.data.score);
    header = lines.get(0);
    customers = lines.subList(1, lines.size());
  }

  private static ScoreTable table(String name) {
    return ScoreTable.of(URL, name, null, null);
  }

  private static ScoringServer start(ScoreTable scores, String apiKey) throws Exception {
    ScoringServer.Settings settings = new ScoringServer.Settings();
    settings.port = 0;
    settings.scoresTable = scores;
    settings.apiKey = apiKey;
    return ScoringServer.start(ServedModels.open(RegistryLocation.of(telco.registry), null, Duration.ZERO), settings);
  }

  /** Asserts that {@code risk} summarises {@code rows} (score CSV rows): counts, highest risk in order, most frequent reasons. */
  private static void assertSummarises(JsonNode risk, List<List<String>> rows) {
    Map<String, List<List<String>>> bySegment = new TreeMap<>(rows.stream().collect(Collectors.groupingBy(r -> r.get(3))));
    assertThat(risk.get("segments").size(), equalTo(bySegment.size()));
    int s = 0;
    for (Map.Entry<String, List<List<String>>> segment : bySegment.entrySet()) {
      JsonNode shown = risk.get("segments").get(s++);
      List<List<String>> members = segment.getValue();
      assertThat(shown.get("segment").asText(), equalTo(segment.getKey()));
      assertThat(shown.get("customers").asInt(), equalTo(members.size()));
      assertThat(shown.get("high_risk").asLong(), equalTo(members.stream().filter(r -> r.get(5).equals("high")).count()));
      List<List<String>> riskiest = new ArrayList<>(members);
      riskiest.sort(Comparator.comparingDouble((List<String> r) -> -Double.parseDouble(r.get(4))).thenComparing(r -> r.get(2)));
      riskiest = riskiest.subList(0, Math.min(RiskSummary.HIGHEST, riskiest.size()));
      List<String> shownIds = new ArrayList<>();
      shown.get("highest").forEach(c -> shownIds.add(c.get("customer_id").asText()));
      assertThat(shownIds, equalTo(riskiest.stream().map(r -> r.get(2)).collect(Collectors.toList())));
      JsonNode first = shown.get("highest").get(0);
      assertThat(first.get("churn_probability").asDouble(), equalTo(Double.parseDouble(riskiest.get(0).get(4))));
      assertThat(first.get("reasons").get(0).asText(), equalTo(riskiest.get(0).get(7)));
      Map<String, Long> reasons = new TreeMap<>();
      members.forEach(r -> r.subList(7, 10).stream().filter(x -> !x.isEmpty()).forEach(x -> reasons.merge(ScoreRows.reasonKey(x), 1L, Long::sum)));
      long mostFrequent = reasons.values().stream().max(Long::compare).orElseThrow();
      assertThat(shown.get("reasons").get(0).get("customers").asLong(), equalTo(mostFrequent));
      assertThat(reasons.get(shown.get("reasons").get(0).get("reason").asText()), equalTo(mostFrequent));
    }
  }

  @Test
  public void theDataOfThePageIsTheLatestRunOfTheTable() throws Exception {
    try (ScoringServer server = start(table(ScoreTable.DEFAULT_NAME), null)) {
      Endpoint.Answer risk = new Endpoint(server.address(), null).get("v1/risk");
      assertThat(risk.body, risk.status, equalTo(200));
      assertThat(risk.json().get("source").asText(), startsWith("run latest in table churn_scores at jdbc:h2:mem:risk-page"));
      assertThat(risk.body, not(containsString("old-customer")));
      assertSummarises(risk.json(), scored);
    }
  }

  @Test
  public void withoutATableThePageShowsTheCustomersTheEndpointScored() throws Exception {
    try (ScoringServer server = start(null, null)) {
      Endpoint endpoint = new Endpoint(server.address(), null);
      assertThat(endpoint.get("v1/risk").json().get("segments").size(), equalTo(0));
      // 40 customers, the first 10 of them twice: each counts once
      assertThat(endpoint.post("v1/score", Endpoint.customersJson(header, customers.subList(0, 40))).status, equalTo(200));
      assertThat(endpoint.post("v1/score", Endpoint.customersJson(header, customers.subList(0, 10))).status, equalTo(200));
      JsonNode risk = endpoint.get("v1/risk").json();
      assertThat(risk.get("source").asText(), startsWith("the 40 customers this endpoint scored last"));
      List<String> ids = customers.subList(0, 40).stream().map(c -> c.split(",")[0]).collect(Collectors.toList());
      assertSummarises(risk, scored.stream().filter(r -> ids.contains(r.get(2))).collect(Collectors.toList()));
    }
  }

  @Test
  public void aTableNotWrittenYetOrUnreachableIsSaidOnThePage() throws Exception {
    try (ScoringServer server = start(table("no_scores_yet"), null)) {
      Endpoint.Answer risk = new Endpoint(server.address(), null).get("v1/risk");
      assertThat(risk.body, risk.status, equalTo(200));
      assertThat(risk.json().get("source").asText(), startsWith("no scoring run in table no_scores_yet at jdbc:h2:mem:risk-page"));
      assertThat(risk.json().get("segments").size(), equalTo(0));
    }
    try (ScoringServer server = start(ScoreTable.of("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2", "churn_scores", "u", "secret-pw"), null)) {
      Endpoint endpoint = new Endpoint(server.address(), null);
      Endpoint.Answer risk = endpoint.get("v1/risk");
      assertThat(risk.body, risk.status, equalTo(503));
      assertThat(risk.error(), startsWith("cannot read table churn_scores at jdbc:postgresql://127.0.0.1:1/none"));
      assertThat(risk.body, not(containsString("secret-pw")));
      assertThat("scoring is unaffected", endpoint.post("v1/score", Endpoint.customersJson(header, customers.subList(0, 1))).status, equalTo(200));
    }
  }

  @Test
  public void thePageHasAFieldPerColumnAndNeedsNoKeyButItsDataDoes() throws Exception {
    try (ScoringServer server = start(null, "page-key")) {
      Endpoint anonymous = new Endpoint(server.address(), null);
      Endpoint.Answer page = anonymous.get("");
      assertThat(page.status, equalTo(200));
      for (String column : header.split(",")) {
        if (!column.equals("Churn")) {
          assertThat(column, page.body, containsString("name='" + column + "'"));
        }
      }
      assertThat(page.body, containsString("<option>Month-to-month</option>"));
      assertThat(page.body, containsString("id='api-key'"));
      assertThat("self-contained", page.body, not(containsString("http")));
      assertThat(anonymous.get("v1/risk").status, equalTo(401));
      assertThat(new Endpoint(server.address(), "page-key").get("v1/risk").status, equalTo(200));
    }
  }
}
