package dev.churn.runners.spark;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;

import dev.churn.pipelines.cli.ChurnCli;
import dev.churn.testdata.TelcoSample;
import dev.churn.transforms.io.CsvLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Training and scoring on Spark in local mode give the same models and scores as on the
 * DirectRunner, on 1,500 real Telco customers.
 */
public class SameScoresOnSparkTest {
  @Rule public TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void sparkAndDirectAgreeToTheNinthDecimal() throws Exception {
    Path root = folder.getRoot().toPath();
    List<String> lines = TelcoSample.lines();
    Path train = Files.write(root.resolve("train.csv"), lines.subList(0, 1201));
    List<String> score = new ArrayList<>(List.of(lines.get(0)));
    score.addAll(lines.subList(1201, 1501));
    Path scoreFile = Files.write(root.resolve("score.csv"), score);

    Map<String, List<String>> direct = trainAndScore("direct", train, scoreFile, root);
    Map<String, List<String>> spark = trainAndScore("spark", train, scoreFile, root);

    assertThat(spark.keySet(), equalTo(direct.keySet()));
    assertThat(direct.size(), equalTo(300));
    for (Map.Entry<String, List<String>> row : direct.entrySet()) {
      List<String> other = spark.get(row.getKey());
      assertThat(Double.parseDouble(other.get(4)), closeTo(Double.parseDouble(row.getValue().get(4)), 1e-9));
      // segment, band, model and reasons
      assertThat(other.subList(5, 10), equalTo(row.getValue().subList(5, 10)));
    }
  }

  private static Map<String, List<String>> trainAndScore(String runner, Path train, Path score, Path root) throws IOException {
    Path registry = root.resolve("registry-" + runner);
    Path output = root.resolve("scores-" + runner);
    int trained =
        ChurnCli.execute(
            "train", "--customers", train.toString(), "--registry", registry.toString(), "--runner", runner,
            "--min-segment-rows", "300", "--min-segment-churned", "30");
    assertThat(runner + " train", trained, equalTo(0));
    int scored =
        ChurnCli.execute(
            "score", "--customers", score.toString(), "--registry", registry.toString(), "--output", output.toString(),
            "--run-id", "same", "--runner", runner);
    assertThat(runner + " score", scored, equalTo(0));
    Map<String, List<String>> rows = new HashMap<>();
    try (Stream<Path> files = Files.list(output)) {
      for (Path file : files.filter(p -> p.getFileName().toString().startsWith("scores-")).collect(Collectors.toList())) {
        List<String> content = Files.readAllLines(file);
        for (String line : content.subList(1, content.size())) {
          List<String> fields = CsvLine.split(line);
          rows.put(fields.get(2), fields);
        }
      }
    }
    return rows;
  }
}
