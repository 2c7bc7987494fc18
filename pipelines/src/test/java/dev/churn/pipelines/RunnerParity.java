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
 * Checks that a runner trains and scores exactly as the DirectRunner: both train on 1,200 real Telco
 * customers and score 300 more; probabilities must agree to 1e-9, bands, models and reasons exactly.
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
  }

  private static Map<String, List<String>> trainAndScore(String runner, Path train, Path score, Path root) throws IOException {
    Path registry = root.resolve("registry-" + runner);
    Path output = root.resolve("scores-" + runner);
    List<String> trainArguments =
        new ArrayList<>(List.of("train", "--customers", train.toString(), "--registry", registry.toString(), "--runner", runner));
    trainArguments.addAll(List.of(TrainedTelco.TRAIN_OPTIONS));
    int trained = ChurnCli.execute(trainArguments.toArray(new String[0]));
    assertThat(runner + " train", trained, equalTo(0));
    int scored =
        ChurnCli.execute(
            "score", "--customers", score.toString(), "--registry", registry.toString(), "--output", output.toString(),
            "--run-id", "same", "--runner", runner, "--model-version", "v0001");
    assertThat(runner + " score", scored, equalTo(0));
    Map<String, List<String>> rows = new HashMap<>();
    ScoreFiles.read(output).forEach(fields -> rows.put(fields.get(2), fields));
    return rows;
  }
}
