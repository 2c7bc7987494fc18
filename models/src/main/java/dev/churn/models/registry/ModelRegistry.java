package dev.churn.models.registry;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.churn.transforms.InvalidInputException;
import dev.churn.transforms.io.LocalFolders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A registry folder: {@code versions/v0001}, {@code versions/v0002}, ... A version is assembled in a
 * hidden staging folder and published by one atomic rename, so a reader never sees half a version, and
 * a published version is never written again. {@code aliases.json} names each segment's champion and
 * challenger; it is replaced whole by an atomic rename, under a lock, and every change to it is
 * appended to {@code decisions.jsonl} with its reasons.
 */
public final class ModelRegistry {
  public static final String METADATA = "metadata.json";
  public static final String PREPROCESSING = "preprocessing.json";
  /** The training data's {@link dev.churn.transforms.monitor.FeatureProfile}, staged until the metadata takes it in. */
  public static final String FEATURE_PROFILE = "feature-profile.json";
  public static final String ALIASES = "aliases.json";
  public static final String DECISIONS = "decisions.jsonl";
  private static final String LOCK = ".lock";
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

  /**
   * The champions that score customers; a registry without a champion for all segments ({@code *}) is
   * a user error.
   */
  public ModelChoice champions() {
    ModelChoice champions = aliases().champions();
    if (champions == null || champions.defaultVersion() == null) {
      latestVersion(); // no versions at all: say so
      throw new InvalidInputException(
          "registry " + root + " has no champion for all segments: promote a version with 'churn models promote'"
              + " (or choose one with --model-version)");
    }
    return champions;
  }

  /** Makes a newly published version the challenger of every segment it has a model for, and of all. */
  public void registerChallenger(String version, Collection<String> segments) {
    updateAliases(
        aliases -> {
          aliases.segment(Aliases.ALL).challenger = version;
          segments.forEach(segment -> aliases.segment(segment).challenger = version);
          String reason =
              "trained; challenger of " + (segments.isEmpty() ? "all segments" : "all segments and " + String.join(", ", segments));
          return List.of(Decision.of(Decision.REGISTER, null, version, null, reason));
        });
  }

  /** The current aliases (none in a new registry). */
  public Aliases aliases() {
    Path file = root.resolve(ALIASES);
    if (!Files.exists(file)) {
      return new Aliases();
    }
    try {
      return Json.MAPPER.readValue(file.toFile(), Aliases.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Changes the aliases and records the decisions behind the change, as one step: under the registry's
   * lock, {@code change} gets the current aliases and returns the decisions it made; the new aliases
   * replace the file atomically, then the decisions are appended to the log.
   */
  public List<Decision> updateAliases(Function<Aliases, List<Decision>> change) {
    try {
      Files.createDirectories(root);
      try (FileChannel channel =
              FileChannel.open(root.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = channel.lock()) {
        Aliases aliases = aliases();
        List<Decision> decisions = change.apply(aliases);
        for (Decision decision : decisions) {
          if (decision.version != null) {
            versionFolder(decision.version);
          }
        }
        Path temporary = root.resolve(ALIASES + ".tmp");
        Files.write(temporary, Json.MAPPER.writeValueAsBytes(aliases));
        Files.move(temporary, root.resolve(ALIASES), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        String now = Instant.now().toString();
        StringBuilder lines = new StringBuilder();
        for (Decision decision : decisions) {
          decision.at = now;
          lines.append(Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(decision)).append('\n');
        }
        Files.writeString(root.resolve(DECISIONS), lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return decisions;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot update the aliases of registry " + root + ": " + e.getMessage(), e);
    }
  }

  /** Every recorded decision, oldest first. */
  public List<Decision> decisions() {
    Path file = root.resolve(DECISIONS);
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      List<Decision> decisions = new ArrayList<>();
      for (String line : Files.readAllLines(file)) {
        if (!line.isBlank()) {
          decisions.add(Json.MAPPER.readValue(line, Decision.class));
        }
      }
      return decisions;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private String nextVersionName() {
    List<String> versions = versions();
    int last = versions.isEmpty() ? 0 : Integer.parseInt(versions.get(versions.size() - 1).substring(1));
    return String.format("v%04d", last + 1);
  }
}
