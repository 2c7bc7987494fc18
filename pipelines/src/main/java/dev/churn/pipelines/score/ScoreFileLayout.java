package dev.churn.pipelines.score;

import dev.churn.pipelines.rows.ScoreRows;
import dev.churn.pipelines.storage.OutputFolder;
import dev.churn.pipelines.storage.OutputManifest;
import dev.churn.pipelines.storage.Publication;
import dev.churn.transforms.InvalidInputException;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * Where a scoring run's files go inside an output folder, and in which {@link ScoreFormat}; every name
 * holds the run's publication id ({@code RUN.xxxxxx}, see {@link OutputFolder}), so a run never
 * overwrites a file. Flat: {@code scores-ID-SSSSS-of-NNNNN.csv} (or {@code .parquet}) and
 * {@code dead-letters-ID-*.jsonl}, a run replacing the previous run. Partitioned (Hive style, for lake
 * query engines and BI tools): {@code scores/run_date=YYYY-MM-DD/segment=NAME/scores-ID-*.csv} and
 * {@code dead-letters/run_date=YYYY-MM-DD/dead-letters-ID-*.jsonl}, every run kept, a run replacing only
 * an earlier run of the same run id.
 */
public final class ScoreFileLayout {
  /**
   * Score files per folder and run. A fixed number: with the runner choosing it, the Spark runner
   * finalised the files of one write in several groups that gave some files the same name, and a
   * quarter of the rows were lost.
   */
  static final int FILES_PER_FOLDER = 4;

  /** The slot of the flat scores in an output folder's manifest; partitioned runs use {@code scores/RUN}. */
  static final String SLOT = "scores";

  public static final String SCORES = "scores";
  public static final String DEAD_LETTERS = "dead_letters";

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
  public PCollection<String> write(PCollection<Row> scores, String folder, String publication, Instant scoredAt) {
    if (!partitioned) {
      return scores
          .apply("WriteScores", format.via(FileIO.<Row>write())
                  .to(folder)
                  .withNaming(FileIO.Write.defaultNaming("scores-" + publication, format.suffix()))
                  .withNumShards(FILES_PER_FOLDER))
          .getPerDestinationOutputFilenames()
          .apply("WrittenFiles", Values.create());
    }
    String prefix = "scores-" + publication;
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

  /** Where the run's dead letters go under {@code folder}: a prefix for {@code WriteDeadLetters}. */
  public String deadLetterPrefix(String folder, String publication, Instant scoredAt) {
    return folder + "/" + deadLetters(publication, scoredAt);
  }

  private String deadLetters(String publication, Instant scoredAt) {
    return (partitioned ? "dead-letters/run_date=" + runDate(scoredAt) + "/" : "") + "dead-letters-" + publication;
  }

  /** What the run publishes: its score files and dead letters, replacing what the layout says it replaces. */
  public Publication publication(String publication, String runId, Instant scoredAt) {
    Publication published = new Publication(publication, partitioned ? SLOT + "/" + runId : SLOT, runId);
    String date = runDate(scoredAt);
    published.files.put(SCORES, partitioned
        ? "scores/run_date=" + date + "/segment=*/scores-" + publication + "-*" + format.suffix()
        : "scores-" + publication + "-*" + format.suffix());
    published.files.put(DEAD_LETTERS, deadLetters(publication, scoredAt) + "-*.jsonl");
    published.details.put("format", format.name().toLowerCase(Locale.ROOT));
    published.details.put("layout", partitioned ? "partitioned" : "flat");
    return published;
  }

  /**
   * The score files of an output folder (of one run, when {@code runId} is not null), as file patterns:
   * the current publications its manifest lists, or, in a folder written before manifests existed, the
   * score files found there. A folder without score files, or without that run, is a user error.
   */
  public static List<String> filesIn(String folder, String runId) {
    String root = OutputFolder.normalize(folder);
    OutputManifest manifest;
    try {
      manifest = OutputManifest.read(root);
    } catch (IOException e) {
      throw new InvalidInputException("scores in " + folder + " cannot be read: " + e.getMessage(), e);
    }
    if (manifest == null) {
      return List.of(legacyFilesIn(folder, root, runId));
    }
    List<Publication> runs = manifest.inSlots(SLOT);
    if (runs.isEmpty()) {
      throw new InvalidInputException("no score files in " + folder + ": no scoring run was published there");
    }
    List<String> patterns = new ArrayList<>();
    for (Publication run : runs) {
      if (runId == null || runId.equals(run.runId)) {
        patterns.add(root + "/" + run.files.get(SCORES));
      }
    }
    if (patterns.isEmpty()) {
      throw new InvalidInputException("no scoring run '" + runId + "' in " + folder + " (it holds "
          + runs.stream().map(run -> run.runId).distinct().collect(Collectors.joining(", ")) + ")");
    }
    return patterns;
  }

  /** The score files of a folder written before manifests existed, as one file pattern. */
  private static String legacyFilesIn(String folder, String root, String runId) {
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
