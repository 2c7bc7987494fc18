package dev.churn.pipelines.monitor;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import dev.churn.pipelines.TrainedTelco;
import dev.churn.pipelines.cli.ChurnCli;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The monitoring report of a real run (Telco hold-out customers with their labels) opened in headless
 * Chromium (Debian's {@code chromium} package) with the network off: the DOM it renders has every
 * section, its charts and tables, and a screenshot shows the charts' colours.
 */
public class ReportInChromiumIT {
  private static final String CHROMIUM = System.getProperty("churn.it.chromium", "/usr/bin/chromium");
  /** Kept after the run, for people to look at. */
  static final Path SCREENSHOT = Path.of("target", "monitor-report.png").toAbsolutePath();

  private static Path folder;
  private static Path report;

  @BeforeClass
  public static void monitorARun() throws IOException {
    if (!Files.isExecutable(Path.of(CHROMIUM))) {
      throw new AssertionError(CHROMIUM + " is missing: install Debian's chromium package (apt-get install chromium), or give -Dchurn.it.chromium=PATH");
    }
    TrainedTelco telco = TrainedTelco.get();
    folder = Files.createTempDirectory("churn-report-");
    String registry = telco.registry.toString();
    assertThat(ChurnCli.execute("score", "--customers", telco.data.score.toString(), "--registry", registry,
        "--output", folder.resolve("scores").toString(), "--run-id", "report"), equalTo(0));
    assertThat(ChurnCli.execute("monitor", "--customers", telco.data.score.toString(), "--registry", registry,
        "--scores", folder.resolve("scores").toString(), "--labels", telco.data.scoreLabelled.toString(),
        "--output", folder.resolve("monitor").toString()), equalTo(0));
    report = folder.resolve("monitor/report.html");
  }

  private static String chromium(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + Files.createTempDirectory(folder, "chromium-profile-")));
    command.addAll(List.of(args));
    command.add(report.toUri().toString());
    Process process = new ProcessBuilder(command).redirectError(folder.resolve("chromium.log").toFile()).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat("chromium finished in time", process.waitFor(120, TimeUnit.SECONDS), equalTo(true));
    assertThat("chromium exit status; see " + folder.resolve("chromium.log"), process.exitValue(), equalTo(0));
    return out;
  }

  private static int count(String text, String pattern) {
    Matcher matcher = Pattern.compile(pattern).matcher(text);
    int n = 0;
    while (matcher.find()) {
      n++;
    }
    return n;
  }

  @Test
  public void theRenderedPageHasEverySectionWithItsChartsAndTables() throws Exception {
    String dom = chromium("--dump-dom");
    for (String section : List.of("status", "risk-by-segment", "highest-risk", "reasons", "accuracy", "drift", "data-quality", "fairness")) {
      assertThat(dom, containsString("<section id=\"" + section + "\">"));
    }
    // risk, reasons, ROC, calibration, prediction distribution, PSI, one per sensitive attribute
    assertThat(count(dom, "<svg class=\"chart\""), greaterThanOrEqualTo(8));
    assertThat(count(dom, "<polyline class=\"series\""), equalTo(2));
    assertThat(count(dom, "<table"), greaterThanOrEqualTo(8));
    // the highest-risk table: a header and a row per customer
    String highest = dom.substring(dom.indexOf("<section id=\"highest-risk\">"), dom.indexOf("<section id=\"reasons\">"));
    assertThat(count(highest, "<tr>"), equalTo(1 + MonitorPipeline.HIGHEST_RISK_COUNT));
    assertThat(dom, containsString("Status: "));
  }

  @Test
  public void aScreenshotShowsTheCharts() throws Exception {
    Files.deleteIfExists(SCREENSHOT);
    Files.createDirectories(SCREENSHOT.getParent());
    chromium("--window-size=1200,4000", "--hide-scrollbars", "--screenshot=" + SCREENSHOT);
    BufferedImage image = ImageIO.read(SCREENSHOT.toFile());
    assertThat(image.getWidth(), equalTo(1200));
    // pixels of the high-risk red and the chart blue: the SVG was drawn, not just parsed
    assertThat(pixels(image, 0xe15759), greaterThan(200));
    assertThat(pixels(image, 0x4e79a7), greaterThan(200));
  }

  private static int pixels(BufferedImage image, int rgb) {
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        n += (image.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
      }
    }
    return n;
  }
}
