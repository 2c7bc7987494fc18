package dev.churn.pipelines;

import dev.churn.transforms.InvalidInputException;
import dev.churn.transforms.io.LocalFolders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An output folder written through a staging folder inside it: a pipeline writes into
 * {@code .staging-RUN}, and only a successful run replaces the folder's previous outputs with the staged
 * files. A failed run leaves the previous outputs as they were and no staging folder behind.
 */
public final class OutputFolder {
  private final Path folder;
  private final Path staging;

  public OutputFolder(Path folder, String runId) {
    this.folder = folder.toAbsolutePath().normalize();
    this.staging = this.folder.resolve(".staging-" + runId);
  }

  public Path folder() {
    return folder;
  }

  /** Creates an empty staging folder and returns its path. */
  public String stage() {
    try {
      discard();
      Files.createDirectories(staging);
      return staging.toString();
    } catch (IOException e) {
      throw new InvalidInputException("output folder " + folder + " cannot be written: " + e.getMessage(), e);
    }
  }

  /**
   * Replaces the outputs named by each prefix ({@code scores} matches {@code scores-*}) with the staged
   * ones, then removes the staging folder.
   */
  public void publish(List<String> prefixes) {
    try {
      for (String prefix : prefixes) {
        for (Path old : list(folder, prefix)) {
          Files.delete(old);
        }
        for (Path staged : list(staging, prefix)) {
          Files.move(staged, folder.resolve(staged.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        }
      }
      discard();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot publish outputs in " + folder + ": " + e.getMessage(), e);
    }
  }

  /** Removes the staging folder and all in it. */
  public void discard() {
    LocalFolders.delete(staging);
  }

  private static List<Path> list(Path dir, String prefix) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().startsWith(prefix + "-"))
          .filter(Files::isRegularFile)
          .sorted()
          .collect(Collectors.toList());
    }
  }
}
