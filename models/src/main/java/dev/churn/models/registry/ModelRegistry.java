package dev.churn.models.registry;

import dev.churn.transforms.InvalidInputException;
import dev.churn.transforms.io.LocalFolders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A registry folder: {@code versions/v0001}, {@code versions/v0002}, ... A version is assembled in a
 * hidden staging folder and published by one atomic rename, so a reader never sees half a version, and
 * a published version is never written again.
 */
public final class ModelRegistry {
  public static final String METADATA = "metadata.json";
  public static final String PREPROCESSING = "preprocessing.json";
  private static final String VERSIONS = "versions";
  private static final String STAGING_PREFIX = ".staging-";

  private final Path root;

  public ModelRegistry(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /** A new, empty staging folder inside the registry (same file system, so publishing is a rename). */
  public Path newStagingFolder() {
    try {
      return Files.createDirectories(root.resolve(STAGING_PREFIX + UUID.randomUUID()));
    } catch (IOException e) {
      throw new InvalidInputException("registry " + root + " cannot be written: " + e.getMessage(), e);
    }
  }

  /** Publishes a complete staging folder as the next version and returns its name. */
  public String publish(Path staging) {
    try {
      Files.createDirectories(root.resolve(VERSIONS));
      while (true) {
        String version = nextVersionName();
        try {
          Files.move(staging, root.resolve(VERSIONS).resolve(version), StandardCopyOption.ATOMIC_MOVE);
          return version;
        } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
          // another trainer published the same number first: take the next one
        } catch (AtomicMoveNotSupportedException e) {
          throw new IllegalStateException("registry " + root + " does not support atomic renames", e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot publish to registry " + root + ": " + e.getMessage(), e);
    }
  }

  /** Removes a staging folder that will not be published. */
  public void discard(Path staging) {
    LocalFolders.delete(staging);
  }

  /** Published versions, oldest first. */
  public List<String> versions() {
    Path folder = root.resolve(VERSIONS);
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(folder)) {
      return entries
          .map(p -> p.getFileName().toString())
          .filter(name -> name.matches("v\\d+"))
          .sorted(Comparator.comparingInt(name -> Integer.parseInt(name.substring(1))))
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The newest version; a registry without one is a user error. */
  public String latestVersion() {
    List<String> versions = versions();
    if (versions.isEmpty()) {
      throw new InvalidInputException(
          "registry " + root + " has no model versions: run 'churn train' first");
    }
    return versions.get(versions.size() - 1);
  }

  public Path versionFolder(String version) {
    Path folder = root.resolve(VERSIONS).resolve(version);
    if (!Files.isDirectory(folder)) {
      throw new InvalidInputException("registry " + root + " has no version " + version);
    }
    return folder;
  }

  private String nextVersionName() {
    List<String> versions = versions();
    int last = versions.isEmpty() ? 0 : Integer.parseInt(versions.get(versions.size() - 1).substring(1));
    return String.format("v%04d", last + 1);
  }
}
