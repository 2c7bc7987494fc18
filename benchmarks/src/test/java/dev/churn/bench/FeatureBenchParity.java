package dev.churn.bench;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.churn.pipelines.cli.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs the bench's feature stage on a runner held by this JVM: it exits with 0 only when the pipeline
 * wrote exactly the feature lines its plain-Java baseline computed.
 */
public final class FeatureBenchParity {
  private FeatureBenchParity() {}

  public static void assertFeaturesEqualBaseline(String runner, Path work) throws IOException {
    int status =
        Cli.run(new BenchCommand(),
                "--runner", runner, "--runners", runner, "--stages", "features", "--customers", "200", "--work", work.toString())
            .exitCode;
    assertThat(runner + " feature bench", status, equalTo(0));
    assertThat("feature rows, one per customer", featureRows(work.resolve("features-" + runner)), equalTo(200L));
  }

  /** The lines of the feature files the bench wrote into {@code folder}. */
  public static long featureRows(Path folder) throws IOException {
    long rows = 0;
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(f -> f.getFileName().toString().startsWith("features-")).collect(Collectors.toList())) {
        rows += Files.readAllLines(file).size();
      }
    }
    return rows;
  }
}
