package dev.churn.pipelines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.churn.pipelines.score.ScoreRows;
import dev.churn.transforms.io.CsvLine;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

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

  /**
   * The score files in the output folder and its partition folders, in order. Staging and temporary
   * folders (names starting with a dot) are not entered: a running pipeline creates and removes them
   * while the folder is read.
   */
  public static List<Path> files(Path output) throws IOException {
    List<Path> files = new ArrayList<>();
    Files.walkFileTree(
        output,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
            return !dir.equals(output) && dir.getFileName().toString().startsWith(".") ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            if (file.getFileName().toString().matches("scores-.*\\.csv")) {
              files.add(file);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE; // moved away by the writer meanwhile
            }
            throw e;
          }
        });
    files.sort(null);
    return files;
  }
}
