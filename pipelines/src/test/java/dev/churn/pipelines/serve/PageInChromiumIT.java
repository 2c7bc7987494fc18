package dev.churn.pipelines.serve;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.churn.pipelines.TrainedTelco;
import dev.churn.pipelines.cli.Cli;
import dev.churn.pipelines.sink.ScoreTable;
import dev.churn.pipelines.storage.RegistryLocation;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The endpoint's page used in headless Chromium (Debian's {@code chromium}) as a person would: the key
 * typed in, the highest-risk customers of the latest scoring run shown per segment as the API gives
 * them, and a hold-out customer typed into the form scored to the API's probability, to the last digit.
 */
public class PageInChromiumIT {
  private static final Path CHROMIUM = Path.of(System.getProperty("churn.it.chromium", "/usr/bin/chromium"));
  private static final String KEY = "page-it-key";
  /** Kept after the run, for people to look at. */
  static final Path SCREENSHOT = Path.of("target", "serve-page.png").toAbsolutePath();

  private static String header;
  private static List<String> customers;
  private static ScoringServer server;
  private static Endpoint api;
  private static DevTools browser;

  @BeforeClass
  public static void scoreAndServe() throws Exception {
    if (!Files.isExecutable(CHROMIUM)) {
      throw new AssertionError(CHROMIUM + " is missing: install Debian's chromium package (apt-get install chromium), or give -Dchurn.it.chromium=PATH");
    }
    TrainedTelco telco = TrainedTelco.get();
    Path folder = Files.createTempDirectory("churn-page-it-");
    String url = "jdbc:h2:mem:page-it;DB_CLOSE_DELAY=-1";
    Cli run = Cli.run("score", "--customers", telco.data.score.toString(), "--registry", telco.registry.toString(), "--output",
        folder.resolve("scores").toString(), "--jdbc-url", url, "--run-id", "page");
    assertThat(run.err, run.exitCode, equalTo(0));
    List<String> lines = Files.readAllLines(telco.data.score);
    header = lines.get(0);
    customers = lines.subList(1, lines.size());
    ScoringServer.Settings settings = new ScoringServer.Settings();
    settings.port = 0;
    settings.apiKey = KEY;
    settings.scoresTable = ScoreTable.of(url, ScoreTable.DEFAULT_NAME, null, null);
    server = ScoringServer.start(ServedModels.open(RegistryLocation.of(telco.registry), null, Duration.ZERO), settings);
    api = new Endpoint(server.address(), KEY);
    browser = DevTools.launch(CHROMIUM, folder);
    browser.open(server.address());
    browser.waitFor("document.getElementById('segments').dataset.loaded === 'error'");
    browser.evaluate("document.getElementById('api-key').value = " + Endpoint.MAPPER.writeValueAsString(KEY) + "; document.getElementById('reload').click(); true");
    browser.waitFor("document.getElementById('segments').dataset.loaded === 'true'");
  }

  @AfterClass
  public static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  public void thePageShowsTheRiskiestCustomersOfEachSegmentAsTheApiGivesThem() throws Exception {
    JsonNode risk = api.get("v1/risk").json();
    JsonNode shown =
        browser.evaluate("[...document.querySelectorAll('section.segment')].map(s => ({segment: s.dataset.segment,"
            + " ids: [...s.querySelectorAll('tr.customer td:first-child')].map(td => td.textContent),"
            + " top: Number(s.querySelector('[data-probability]').dataset.probability)}))");
    assertThat(shown.size(), equalTo(risk.get("segments").size()));
    for (int s = 0; s < shown.size(); s++) {
      JsonNode segment = risk.get("segments").get(s);
      assertThat(shown.get(s).get("segment").asText(), equalTo(segment.get("segment").asText()));
      assertThat(shown.get(s).get("ids").size(), equalTo(segment.get("highest").size()));
      for (int c = 0; c < segment.get("highest").size(); c++) {
        assertThat(shown.get(s).get("ids").get(c).asText(), equalTo(segment.get("highest").get(c).get("customer_id").asText()));
      }
      assertThat(shown.get(s).get("top").asDouble(), equalTo(segment.get("highest").get(0).get("churn_probability").asDouble()));
    }
    assertThat(browser.evaluate("document.getElementById('source').textContent").asText(), containsString("run page in table churn_scores"));
  }

  /** Types the customer into the form, submits it and waits for the answer shown. */
  private static JsonNode submit(JsonNode customer) throws Exception {
    browser.evaluate("(values => { const form = document.getElementById('score-form');"
        + " for (const [name, value] of Object.entries(values)) { const field = form.elements.namedItem(name); if (field) field.value = value; }"
        + " delete document.getElementById('result').dataset.probability; form.requestSubmit(); return true; })(" + customer + ")");
    browser.waitFor("document.getElementById('result').dataset.probability || document.getElementById('result').dataset.error");
    return browser.evaluate("({probability: document.getElementById('result').dataset.probability, error: document.getElementById('result').dataset.error,"
        + " text: document.getElementById('result').innerText})");
  }

  @Test
  public void aCustomerTypedIntoTheFormGetsTheApisScore() throws Exception {
    for (String line : customers.subList(0, 3)) {
      JsonNode request = Endpoint.MAPPER.readTree(Endpoint.customersJson(header, List.of(line)));
      JsonNode expected = api.post("v1/score", request.toString()).json().get("scores").get(0);
      JsonNode shown = submit(request.get("customers").get(0));
      assertThat(shown.toString(), shown.get("probability").asText().isEmpty(), equalTo(false));
      assertThat(Double.parseDouble(shown.get("probability").asText()), equalTo(expected.get("churn_probability").asDouble()));
      assertThat(shown.get("text").asText(), containsString(expected.get("risk_band").asText() + " risk"));
      assertThat(shown.get("text").asText(), containsString(expected.get("reasons").get(0).asText()));
    }
  }

  @Test
  public void aScreenshotOfThePageIsKeptForPeopleToLookAt() throws Exception {
    browser.call("Emulation.setDeviceMetricsOverride", Endpoint.MAPPER.createObjectNode().put("width", 1280).put("height", 800)
        .put("deviceScaleFactor", 1).put("mobile", false));
    JsonNode shot = browser.call("Page.captureScreenshot", Endpoint.MAPPER.createObjectNode().put("format", "png").put("captureBeyondViewport", true));
    Files.createDirectories(SCREENSHOT.getParent());
    Files.write(SCREENSHOT, Base64.getDecoder().decode(shot.get("data").asText()));
    BufferedImage image = ImageIO.read(SCREENSHOT.toFile());
    // the whole page: the viewport's width less a scroll bar, and taller than the viewport
    assertThat(image.getWidth(), greaterThan(1200));
    assertThat(image.getHeight(), greaterThan(800));
  }

  @Test
  public void aWrongValueInTheFormShowsTheApisMessage() throws Exception {
    JsonNode request = Endpoint.MAPPER.readTree(Endpoint.customersJson(header, List.of(customers.get(0))));
    ((ObjectNode) request.get("customers").get(0)).put("tenure", "ten");
    String expected = api.post("v1/score", request.toString()).error();
    JsonNode shown = submit(request.get("customers").get(0));
    assertThat(shown.get("error").asText(), equalTo(expected));
    assertThat(expected, containsString("column tenure: 'ten' is not a number"));
  }
}
