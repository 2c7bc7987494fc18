package dev.churn.pipelines.storage;

import dev.churn.transforms.InvalidInputException;
import dev.churn.transforms.io.LocalFolders;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * An output folder, local or {@code azfs://ACCOUNT/CONTAINER/path}, written through a staging folder
 * inside it: a pipeline writes into {@code .staging-RUN}, and only a successful run replaces the outputs
 * that the publishing patterns name with the staged files. A failed or killed run leaves the previous
 * outputs as they were; starting it again with the same run id first clears its staging folder.
 */
public final class OutputFolder {
  private static final String STARTED_MARKER = "_STARTED";

  private final String folder;
  private final String staging;

  public OutputFolder(String location, String runId) {
    this.folder = normalize(location);
    this.staging = folder + "/.staging-" + runId;
  }

  /** A local path made absolute; a URI ({@code azfs://...}) as given, without a trailing slash. */
  public static String normalize(String location) {
    if (isUri(location)) {
      return location.replaceAll("/+$", "");
    }
    return Path.of(location).toAbsolutePath().normalize().toString();
  }

  public String folder() {
    return folder;
  }

  /** A path inside the folder, such as {@code scores-*.csv}. */
  public String resolve(String relative) {
    return folder + "/" + relative;
  }

  /**
   * Clears the staging folder and returns its path. Writes a marker into it first, so a folder that
   * cannot be written (or a storage account that refuses the credentials) fails here, before the run.
   */
  public String stage() {
    try {
      discard();
      ResourceId marker = FileSystems.matchNewResource(staging + "/" + STARTED_MARKER, false);
      try (OutputStream out = Channels.newOutputStream(FileSystems.create(marker, MimeTypes.TEXT))) {
        out.write(staging.getBytes(StandardCharsets.UTF_8));
      }
      return staging;
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException("output " + folder + " cannot be written: " + StorageErrors.describe(e), e);
    }
  }

  /**
   * For each pattern relative to the folder ({@code scores-*}, {@code scores/run_date=*}/...): deletes
   * the folder's matching files, moves the staged matching files to the same relative place, then
   * removes the staging folder.
   */
  public void publish(List<String> patterns) {
    try {
      String stagingPrefix = FileSystems.matchNewResource(staging, true).toString();
      for (String pattern : patterns) {
        FileSystems.delete(match(folder + "/" + pattern), StandardMoveOptions.IGNORE_MISSING_FILES);
        List<ResourceId> staged = match(staging + "/" + pattern);
        List<ResourceId> published = new ArrayList<>();
        for (ResourceId file : staged) {
          String relative = file.toString().substring(stagingPrefix.length());
          published.add(FileSystems.matchNewResource(folder + "/" + relative, false));
        }
        FileSystems.rename(staged, published);
      }
      discard();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot publish outputs in " + folder + ": " + e.getMessage(), e);
    }
  }

  /** Removes the staging folder and all in it. */
  public void discard() {
    if (!isUri(staging)) {
      LocalFolders.delete(Path.of(staging));
      return;
    }
    try {
      FileSystems.delete(match(staging + "/**"), StandardMoveOptions.IGNORE_MISSING_FILES);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + staging + ": " + e.getMessage(), e);
    }
  }

  private static List<ResourceId> match(String pattern) throws IOException {
    MatchResult result = FileSystems.match(pattern, EmptyMatchTreatment.ALLOW);
    if (result.status() == MatchResult.Status.NOT_FOUND) {
      return List.of();
    }
    return result.metadata().stream().map(MatchResult.Metadata::resourceId).sorted((a, b) -> a.toString().compareTo(b.toString())).collect(Collectors.toList());
  }

  static boolean isUri(String location) {
    return location.matches("[a-zA-Z][a-zA-Z0-9+.-]*://.*");
  }
}
