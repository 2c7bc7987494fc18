package dev.churn.pipelines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;

import dev.churn.pipelines.cli.ChurnCli;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks that a runner trains, scores and monitors exactly as the DirectRunner: both train on 1,200 real
 * Telco customers, score 300 more (the runner into partitioned files) and monitor that run with its labels; probabilities must agree to
 * 1e-9, bands, models and reasons exactly; every monitoring value to 1e-9 with the same status.
 */
public final class RunnerParity {
  private RunnerParity() {}

  public static void assertSameScoresAsDirect(String runner, Path root) throws IOException {
    TelcoFixture telco = TelcoFixture.create(root.resolve("in"), 1200, 300);
    Map<String, List<String>> direct = trainAndScore("direct", telco.train, telco.score, root);
    Map<String, List<String>> other = trainAndScore(runner, telco.train, telco.score, root);

    assertThat(other.keySet(), equalTo(direct.keySet()));
    assertThat(direct.size(), equalTo(300));
    for (Map.Entry<String, List<String>> row : direct.entrySet()) {
      List<String> otherRow = other.get(row.getKey());
      assertThat(Double.parseDouble(otherRow.get(4)), closeTo(Double.parseDouble(row.getValue().get(4)), 1e-9));
      // band, model and reasons
      assertThat(otherRow.subList(5, 10), equalTo(row.getValue().subList(5, 10)));
    }

    Map<String, List<String>> directChecks = monitor("direct", telco, root);
    Map<String, List<String>> otherChecks = monitor(runner, telco, root);
    assertThat(otherChecks.keySet(), equalTo(directChecks.keySet()));
    assertThat(directChecks.size() > 100, equalTo(true));
    for (Map.Entry<String, List<String>> check : directChecks.entrySet()) {
      List<String> otherCheck = otherChecks.get(check.getKey());
      String value = check.getValue().get(6);
      if (!value.equals(otherCheck.get(6))) {
        assertThat(check.getKey(), Double.parseDouble(otherCheck.get(6)), closeTo(Double.parseDouble(value), 1e-9));
      }
      // status and finding
      assertThat(check.getKey(), otherCheck.subList(8, otherCheck.size()), equalTo(check.getValue().subList(8, check.getValue().size())));
    }
  }

  /** The monitoring rows of the run scored on {@code runner}, by check, subject and metric. */
  private static Map<String, List<String>> monitor(String runner, TelcoFixture telco, Path root) throws IOException {
    Path output = root.resolve("monitor-" + runner);
    int monitored =
        ChurnCli.execute(
            "monitor", "--customers", telco.score.toString(), "--registry", root.resolve("registry-" + runner).toString(),
            "--scores", root.resolve("scores-" + runner).toString(), "--labels", telco.scoreLabelled.toString(),
            "--output", output.toString(), "--runner", runner, "--model-version", "v0001");
    assertThat(runner + " monitor", monitored, equalTo(0));
    Map<String, List<String>> rows = new HashMap<>();
    List<String> lines = java.nio.file.Files.readAllLines(output.resolve("monitor-checks.csv"));
    for (String line : lines.subList(1, lines.size())) {
      List<String> fields = dev.churn.transforms.io.CsvLine.split(line);
      rows.put(String.join("/", fields.subList(3, 6)), fields);
    }
    return rows;
  }

  private static Map<String, List<String>> trainAndScore(String runner, Path train, Path score, Path root) throws IOException {
    Path registry = root.resolve("registry-" + runner);
    Path output = root.resolve("scores-" + runner);
    List<String> trainArguments =
        new ArrayList<>(List.of("train", "--customers", train.toString(), "--registry", registry.toString(), "--runner", runner));
    trainArguments.addAll(List.of(TrainedTelco.TRAIN_OPTIONS));
    int trained = ChurnCli.execute(trainArguments.toArray(new String[0]));
    assertThat(runner + " train", trained, equalTo(0));
    List<String> scoreArguments =
        new ArrayList<>(List.of("score", "--customers", score.toString(), "--registry", registry.toString(), "--output", output.toString(),
            "--run-id", "same", "--runner", runner, "--model-version", "v0001"));
    if (!runner.equals("direct")) {
      scoreArguments.add("--partitioned"); // one file write per segment: where Spark once lost rows
    }
    int scored = ChurnCli.execute(scoreArguments.toArray(new String[0]));
    assertThat(runner + " score", scored, equalTo(0));
    Map<String, List<String>> rows = new HashMap<>();
    ScoreFiles.read(output).forEach(fields -> rows.put(fields.get(2), fields));
    return rows;
  }
}
