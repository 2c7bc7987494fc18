package dev.churn.pipelines.score;

import dev.churn.pipelines.storage.OutputFolder;
import dev.churn.transforms.InvalidInputException;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;

/**
 * Where score files go inside an output folder, and in which {@link ScoreFormat}. Flat:
 * {@code scores-SSSSS-of-NNNNN.csv} (or {@code .parquet}), replacing the previous run's. Partitioned
 * (Hive style, for lake query engines and BI tools):
 * {@code scores/run_date=YYYY-MM-DD/segment=NAME/scores-RUN-SSSSS-of-NNNNN.csv}, keeping other runs'
 * files and replacing only those of the same run id.
 */
public final class ScoreFileLayout {
  /**
   * Score files per folder and run. A fixed number: with the runner choosing it, the Spark runner
   * finalised the files of one write in several groups that gave some files the same name, and a
   * quarter of the rows were lost.
   */
  static final int FILES_PER_FOLDER = 4;

  private final boolean partitioned;
  private final ScoreFormat format;

  private ScoreFileLayout(boolean partitioned, ScoreFormat format) {
    this.partitioned = partitioned;
    this.format = format;
  }

  public static ScoreFileLayout flat() {
    return new ScoreFileLayout(false, ScoreFormat.CSV);
  }

  public static ScoreFileLayout partitioned() {
    return new ScoreFileLayout(true, ScoreFormat.CSV);
  }

  /** This layout with files of another format. */
  public ScoreFileLayout in(ScoreFormat format) {
    return new ScoreFileLayout(partitioned, format);
  }

  /**
   * Writes score rows under {@code folder} (the staging folder of a run); returns the names of the
   * files written, once they are complete.
   */
  public PCollection<String> write(PCollection<Row> scores, String folder, String runId, Instant scoredAt) {
    if (!partitioned) {
      return scores
          .apply("WriteScores", format.via(FileIO.<Row>write())
                  .to(folder)
                  .withNaming(FileIO.Write.defaultNaming("scores", format.suffix()))
                  .withNumShards(FILES_PER_FOLDER))
          .getPerDestinationOutputFilenames()
          .apply("WrittenFiles", Values.create());
    }
    String prefix = "scores-" + runId;
    String suffix = format.suffix();
    return scores
        .apply(
            "WritePartitionedScores",
            format.via(FileIO.<String, Row>writeDynamic()
                    .by(row -> row.getString(ScoreRows.SEGMENT))
                    .withDestinationCoder(StringUtf8Coder.of()))
                .to(folder + "/scores/run_date=" + runDate(scoredAt))
                .withNaming(segment -> FileIO.Write.defaultNaming("segment=" + escape(segment) + "/" + prefix, suffix))
                .withNumShards(FILES_PER_FOLDER))
        .getPerDestinationOutputFilenames()
        .apply("WrittenFiles", Values.create());
  }

  /** The files a run replaces when it is published, relative to the output folder. */
  public List<String> publishedPatterns(String runId) {
    if (!partitioned) {
      return List.of("scores-*");
    }
    return List.of("scores/run_date=*/segment=*/scores-" + runId + "-*");
  }

  /** The score files a reader should open, relative to the output folder, for messages. */
  public String describe() {
    return (partitioned ? "scores/run_date=*/segment=*/scores-*" : "scores-*") + format.suffix();
  }

  /**
   * The score files of an output folder written in either layout and format (of one run, when
   * {@code runId} is not null and the layout is partitioned), as a file pattern; a folder without
   * score files is a user error.
   */
  public static String filesIn(String folder, String runId) {
    String root = OutputFolder.normalize(folder);
    List<String> patterns = new ArrayList<>();
    for (ScoreFormat format : ScoreFormat.values()) {
      patterns.add(root + "/scores-*" + format.suffix());
      patterns.add(root + "/scores/run_date=*/segment=*/scores-" + (runId == null ? "" : runId + "-") + "*" + format.suffix());
    }
    for (String pattern : patterns) {
      try {
        MatchResult match = FileSystems.match(pattern, EmptyMatchTreatment.ALLOW);
        if (match.status() == MatchResult.Status.OK && !match.metadata().isEmpty()) {
          return pattern;
        }
      } catch (IOException e) {
        throw new InvalidInputException("scores in " + folder + " cannot be listed: " + e.getMessage(), e);
      }
    }
    throw new InvalidInputException(
        "no score files in " + folder + " (looked for " + patterns.stream().map(p -> p.substring(root.length() + 1)).collect(Collectors.joining(", ")) + ")");
  }

  static String runDate(Instant scoredAt) {
    return LocalDate.ofInstant(java.time.Instant.ofEpochMilli(scoredAt.getMillis()), ZoneOffset.UTC).toString();
  }

  /**
   * A partition value as a folder name, escaped as Hive and Spark do: the characters that have a meaning
   * in paths or globs ({@code " # % ' * / : = ? \ { [ ] ^}) and control characters become {@code %XX};
   * all else, spaces too, stays as it is, so partition discovery gives back the value itself.
   */
  static String escape(String value) {
    StringBuilder escaped = new StringBuilder();
    for (char c : value.toCharArray()) {
      if (c < 0x20 || c == 0x7F || "\"#%'*/:=?\\{[]^".indexOf(c) >= 0) {
        escaped.append(String.format("%%%02X", (int) c));
      } else {
        escaped.append(c);
      }
    }
    return escaped.toString();
  }

}
