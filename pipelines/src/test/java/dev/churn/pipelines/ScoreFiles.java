package dev.churn.pipelines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.churn.pipelines.score.ScoreFileLayout;
import dev.churn.pipelines.rows.ScoreRows;
import dev.churn.pipelines.storage.OutputManifest;
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
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * Reads the score files of an output folder as a reader should: those of the current runs its manifest
 * lists; in a folder without a manifest (a pipeline writing straight into it), the {@code scores-*.csv}
 * files of the folder and its partition folders (not hidden ones). Checks each file's header.
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

  /** The score rows of one run that the output folder's manifest lists. */
  public static List<List<String>> read(Path output, String runId) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    for (String pattern : ScoreFileLayout.filesIn(output.toString(), runId)) {
      for (MatchResult.Metadata file : FileSystems.match(pattern).metadata()) {
        rows.addAll(parse(Files.readAllLines(Path.of(file.resourceId().toString()))));
      }
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
    if (Files.exists(output.resolve(OutputManifest.NAME))) {
      List<Path> listed = new ArrayList<>();
      for (String pattern : ScoreFileLayout.filesIn(output.toString(), null)) {
        for (MatchResult.Metadata file : FileSystems.match(pattern).metadata()) {
          listed.add(Path.of(file.resourceId().toString()));
        }
      }
      listed.sort(null);
      return listed;
    }
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
