package dev.churn.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.churn.pipelines.ScoreFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.io.FileUtils;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A version saved by churn 0.1.0 (kept as a fixture) still lists and scores as it did then. */
public class LegacyVersionTest {
  @Rule public TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void aVersionFrom010ScoresTheSameCustomersTheSame() throws Exception {
    Path fixture = Path.of(getClass().getResource("/fixtures/registry-0.1.0").toURI());
    Path registry = folder.getRoot().toPath().resolve("registry");
    FileUtils.copyDirectory(fixture.toFile(), registry.toFile());

    Cli list = Cli.run("models", "list", "--registry", registry.toString());
    assertThat(list.err, list.exitCode, equalTo(0));
    assertThat(list.out, containsString("v0001"));

    Path output = folder.getRoot().toPath().resolve("scores");
    Cli scored =
        Cli.run(
            "score", "--customers", registry.resolve("customers.csv").toString(), "--registry", registry.toString(),
            "--output", output.toString(), "--model-version", "v0001");
    assertThat(scored.err, scored.exitCode, equalTo(0));
    Map<String, Double> expected = new HashMap<>();
    for (String line : Files.readAllLines(registry.resolve("expected-scores.csv")).subList(1, 6)) {
      expected.put(line.split(",")[0], Double.parseDouble(line.split(",")[1]));
    }
    List<List<String>> rows = ScoreFiles.read(output);
    assertThat(rows, hasSize(expected.size()));
    for (List<String> row : rows) {
      assertThat(row.get(2), Double.parseDouble(row.get(4)), closeTo(expected.get(row.get(2)), 1e-12));
    }
  }
}
