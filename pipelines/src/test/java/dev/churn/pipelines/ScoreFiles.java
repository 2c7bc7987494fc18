package dev.churn.pipelines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.churn.pipelines.score.ScoreRows;
import dev.churn.transforms.io.CsvLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads the {@code scores-*.csv} files of an output folder and its partition folders (not hidden ones),
 * checking each file's header.
 */
public final class ScoreFiles {
  private ScoreFiles() {}

  /** The score rows, each as its fields in {@link ScoreRows#SCHEMA} order. */
  public static List<List<String>> read(Path output) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    for (Path file : files(output)) {
      rows.addAll(parse(Files.readAllLines(file)));
    }
    return rows;
  }

  /** The rows of one score file's lines, checking its header. */
  public static List<List<String>> parse(List<String> lines) {
    assertThat(lines.get(0), equalTo(ScoreRows.csvHeader()));
    return lines.subList(1, lines.size()).stream().map(CsvLine::split).collect(Collectors.toList());
  }

  /** The score files in the output folder and its partition folders, in order. */
  public static List<Path> files(Path output) throws IOException {
    try (Stream<Path> files = Files.walk(output)) {
      return files
          .filter(p -> p.getFileName().toString().matches("scores-.*\\.csv"))
          .filter(p -> !output.relativize(p).toString().startsWith("."))
          .sorted()
          .collect(Collectors.toList());
    }
  }
}
