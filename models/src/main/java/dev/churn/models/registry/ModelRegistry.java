package dev.churn.models.registry;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.churn.transforms.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A registry: {@code versions/v0001}, {@code versions/v0002}, ... in a {@link RegistryStorage} (a local
 * folder, or a blob container). A version is assembled in a staging area and published whole, so a
 * reader never sees half a version, and a published version is never written again.
 * {@code aliases.json} names each segment's champion and challenger; it is replaced whole, under the
 * registry's lock, and every change to it is appended to {@code decisions.jsonl} with its reasons.
 */
public final class ModelRegistry {
  public static final String METADATA = "metadata.json";
  public static final String PREPROCESSING = "preprocessing.json";
  /** The training data's {@link dev.churn.transforms.monitor.FeatureProfile}, staged until the metadata takes it in. */
  public static final String FEATURE_PROFILE = "feature-profile.json";
  public static final String ALIASES = "aliases.json";
  public static final String DECISIONS = "decisions.jsonl";
  /** The folder of the published versions. */
  public static final String VERSIONS = "versions";
  /** The name of a staging area starts with this (hidden, so no one mistakes it for a version). */
  public static final String STAGING_PREFIX = ".staging-";

  private final RegistryStorage storage;

  public ModelRegistry(RegistryStorage storage) {
    this.storage = storage;
  }

  /** A registry in a local folder. */
  public ModelRegistry(Path root) {
    this(new LocalRegistryStorage(root));
  }

  /** Where the registry is, as the user gave it (a folder, or an {@code azfs://} URI). */
  public String location() {
    return storage.location();
  }

  /** A new, empty staging area for a version; its location can be written through Beam's file systems. */
  public String newStaging() {
    try {
      return storage.newStaging();
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException("registry " + location() + " cannot be written: " + e.getMessage(), e);
    }
  }

  /** Publishes a complete staging area as the next version and returns its name. */
  public String publish(String staging) {
    try {
      List<String> versions = versions();
      int number = versions.isEmpty() ? 1 : numberOf(versions.get(versions.size() - 1)) + 1;
      // a name taken meanwhile (another trainer, or one that died half-way) is skipped
      while (!storage.publish(staging, String.format("v%04d", number))) {
        number++;
      }
      return String.format("v%04d", number);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot publish to registry " + location() + ": " + e.getMessage(), e);
    }
  }

  /** Removes a staging area that will not be published. */
  public void discard(String staging) {
    try {
      storage.discard(staging);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + staging + ": " + e.getMessage(), e);
    }
  }

  /** Published versions, oldest first. */
  public List<String> versions() {
    try {
      return storage.versionNames().stream()
          .filter(name -> name.matches("v\\d+"))
          .sorted(Comparator.comparingInt(ModelRegistry::numberOf))
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the versions of registry " + location() + ": " + e.getMessage(), e);
    }
  }

  /** The newest version; a registry without one is a user error. */
  public String latestVersion() {
    List<String> versions = versions();
    if (versions.isEmpty()) {
      throw new InvalidInputException(
          "registry " + location() + " has no model versions: run 'churn train' first");
    }
    return versions.get(versions.size() - 1);
  }

  /** A local folder with the files of a published version. */
  public Path versionFolder(String version) {
    Path folder;
    try {
      folder = storage.localFolder(version);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read version " + version + " of registry " + location() + ": " + e.getMessage(), e);
    }
    if (folder == null) {
      throw new InvalidInputException("registry " + location() + " has no version " + version);
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
          "registry " + location() + " has no champion for all segments: promote a version with 'churn models promote'"
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
    try {
      byte[] json = storage.read(ALIASES);
      return json == null ? new Aliases() : Json.MAPPER.readValue(json, Aliases.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + ALIASES + " of registry " + location() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Changes the aliases and records the decisions behind the change, as one step: under the registry's
   * lock, {@code change} gets the current aliases and returns the decisions it made; the new aliases
   * replace the file whole, then the decisions are appended to the log.
   */
  public List<Decision> updateAliases(Function<Aliases, List<Decision>> change) {
    try {
      return storage.locked(
          () -> {
            Aliases aliases = aliases();
            List<Decision> decisions = change.apply(aliases);
            for (Decision decision : decisions) {
              if (decision.version != null) {
                versionFolder(decision.version);
              }
            }
            storage.replace(ALIASES, Json.MAPPER.writeValueAsBytes(aliases));
            String now = Instant.now().toString();
            StringBuilder lines = new StringBuilder();
            for (Decision decision : decisions) {
              decision.at = now;
              lines.append(Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(decision)).append('\n');
            }
            storage.append(DECISIONS, lines.toString().getBytes(StandardCharsets.UTF_8));
            return decisions;
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot update the aliases of registry " + location() + ": " + e.getMessage(), e);
    }
  }

  /** Every recorded decision, oldest first. */
  public List<Decision> decisions() {
    try {
      byte[] log = storage.read(DECISIONS);
      List<Decision> decisions = new ArrayList<>();
      if (log != null) {
        for (String line : new String(log, StandardCharsets.UTF_8).split("\n")) {
          if (!line.isBlank()) {
            decisions.add(Json.MAPPER.readValue(line, Decision.class));
          }
        }
      }
      return decisions;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + DECISIONS + " of registry " + location() + ": " + e.getMessage(), e);
    }
  }

  private static int numberOf(String version) {
    return Integer.parseInt(version.substring(1));
  }
}
