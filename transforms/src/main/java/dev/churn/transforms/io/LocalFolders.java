package dev.churn.transforms.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Moving and removing local folders with everything in them. */
public final class LocalFolders {
  private LocalFolders() {}

  /**
   * Renames a folder to {@code target} in one atomic step, unless {@code target} exists (then nothing
   * moves); true when it moved. Two processes or threads racing for the same target: one wins.
   */
  public static boolean moveIfAbsent(Path folder, Path target) throws IOException {
    try {
      Files.move(folder, target, StandardCopyOption.ATOMIC_MOVE);
      return true;
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException(folder.getParent() + " does not support atomic renames", e);
    } catch (FileSystemException e) {
      // Linux reports a taken name as a plain FileSystemException ("Directory not empty")
      if (Files.exists(target)) {
        return false;
      }
      throw e;
    }
  }

  /** Deletes a folder and its contents; a folder that does not exist is fine. */
  public static void delete(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      List<Path> deepestFirst = files.sorted(Comparator.reverseOrder()).collect(Collectors.toList());
      for (Path file : deepestFirst) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + folder + ": " + e.getMessage(), e);
    }
  }
}
