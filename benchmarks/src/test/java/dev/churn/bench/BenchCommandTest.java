package dev.churn.bench;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churn.models.registry.Json;
import dev.churn.pipelines.cli.ChurnCli;
import dev.churn.pipelines.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code churn bench} on small inputs and the DirectRunner only: every stage prints its JSON line with
 * consistent figures, after its baseline computed the same results (the bench fails otherwise).
 */
public class BenchCommandTest {
  @ClassRule public static final TemporaryFolder FOLDER = new TemporaryFolder();

  @Test
  public void measuresEveryStageAgainstItsBaseline() throws Exception {
    Path work = FOLDER.newFolder("bench").toPath();
    Cli bench =
        Cli.run(new BenchCommand(),
            "--work", work.toString(), "--runners", "direct",
            "--direct-customers", "150", "--customers", "600",
            "--candidates", "logistic", "--folds", "2", "--score-records", "20000");
    assertEquals(bench.err, 0, bench.exitCode);

    List<JsonNode> lines = new ArrayList<>();
    for (String line : bench.out.split("\n")) {
      if (line.startsWith("{")) {
        lines.add(Json.MAPPER.readTree(line));
      }
    }
    assertEquals(
        List.of("features direct (checks off)", "features direct (checks on)", "train direct", "score dl4j", "score dl4j", "score reasons"),
        lines.stream().map(l -> l.get("stage").asText() + " " + l.get("runner").asText()).collect(Collectors.toList()));

    long telemetryMessages = Files.lines(work.resolve("data-150/telemetry.csv")).count() - 1;
    assertEquals(telemetryMessages, lines.get(0).get("records").asLong());
    assertEquals(telemetryMessages, lines.get(1).get("records").asLong());
    assertEquals(600, lines.get(2).get("records").asLong());
    assertThat(lines.get(3).get("records").asLong(), greaterThanOrEqualTo(20_000L));
    assertThat(lines.get(3).get("note").asText(), containsString("batch 256"));
    assertThat(lines.get(4).get("note").asText(), containsString("batch 4096"));
    assertThat(lines.get(5).get("records").asLong(), greaterThanOrEqualTo(20_000L));
    assertThat("a logistic model's reasons come from its coefficients", lines.get(5).get("note").asText(), containsString("logistic: from its coefficients"));
    for (JsonNode line : lines) {
      double perSecond = line.get("records").asDouble() / line.get("seconds").asDouble();
      assertThat(line.get("records_per_second").asDouble(), closeTo(perSecond, perSecond * 0.01 + 1));
      double ratio = line.get("records_per_second").asDouble() / line.get("baseline_records_per_second").asDouble();
      assertThat(line.get("ratio_to_baseline").asDouble(), closeTo(ratio, ratio * 0.01 + 1e-4));
      assertThat(line.get("peak_heap_mib").asLong(), greaterThan(0L));
    }
    assertThat(bench.out, containsString("baseline/s"));
    // one feature row per generated customer
    assertEquals(150, FeatureBenchParity.featureRows(work.resolve("features-direct")));
  }

  @Test
  public void refusesAnUnknownStage() {
    Cli bench = Cli.run(new BenchCommand(), "--stages", "features,fly");
    assertEquals(ChurnCli.BAD_INPUT, bench.exitCode);
    assertThat(bench.lastErrorLine(), containsString("--stages: unknown stage 'fly'"));
  }
}
