package dev.churn.pipelines;

import dev.churn.models.registry.Aliases;
import dev.churn.models.registry.ModelRegistry;
import dev.churn.pipelines.cli.ChurnCli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A registry trained once per test JVM on 1,200 real Telco customers (segments of at least 300 rows and
 * 30 churned get their own model; 3 folds and two candidates, to keep tests fast), promoted through the
 * gate on 300 more labelled customers, which are also there to score.
 */
public final class TrainedTelco {
  public static final String[] TRAIN_OPTIONS = {
    "--min-segment-rows", "300", "--min-segment-churned", "30", "--folds", "3", "--candidates", "logistic,mlp-8"
  };

  private static TrainedTelco instance;

  public final Path folder;
  public final TelcoFixture data;
  public final Path registry;
  public final int trainExitCode;
  public final int promoteExitCode;

  private TrainedTelco(Path folder) throws IOException {
    this.folder = folder;
    this.data = TelcoFixture.create(folder.resolve("in"), 1200, 300);
    this.registry = folder.resolve("registry");
    this.trainExitCode = ChurnCli.execute(trainArguments(registry));
    this.promoteExitCode =
        ChurnCli.execute("models", "promote", "--registry", registry.toString(), "--customers", data.scoreLabelled.toString());
  }

  public String[] trainArguments(Path target) {
    List<String> arguments =
        new ArrayList<>(List.of("train", "--customers", data.train.toString(), "--registry", target.toString()));
    arguments.addAll(List.of(TRAIN_OPTIONS));
    return arguments.toArray(new String[0]);
  }

  /**
   * A copy of the trained registry at {@code target} with a second version, v0002: v0001's files
   * published again, so that a test can move the champions and tell which version scored.
   */
  public ModelRegistry copyWithSecondVersion(Path target) throws IOException {
    copy(registry, target);
    ModelRegistry copy = new ModelRegistry(target);
    String staging = copy.newStaging();
    copy(copy.versionFolder("v0001"), Path.of(staging));
    if (!copy.publish(staging).equals("v0002")) {
      throw new IllegalStateException("the copy of " + registry + " had more than one version");
    }
    return copy;
  }

  /** Makes {@code version} the champion of every segment and of all. */
  public static void promoteEverywhere(ModelRegistry registry, String version) {
    registry.updateAliases(aliases -> {
      new ArrayList<>(aliases.segments.keySet()).forEach(segment -> aliases.promote(segment, version));
      aliases.promote(Aliases.ALL, version);
      return List.of();
    });
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }

  public static synchronized TrainedTelco get() {
    if (instance == null) {
      try {
        instance = new TrainedTelco(Files.createTempDirectory("churn-trained-telco-"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return instance;
  }
}
