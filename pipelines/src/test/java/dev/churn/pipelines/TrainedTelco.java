package dev.churn.pipelines;

import dev.churn.pipelines.cli.ChurnCli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A registry trained once per test JVM on 1,200 real Telco customers (segments of at least 300 rows and
 * 30 churned get their own model), with 300 more customers to score.
 */
public final class TrainedTelco {
  public static final String[] TRAIN_OPTIONS = {"--min-segment-rows", "300", "--min-segment-churned", "30"};

  private static TrainedTelco instance;

  public final Path folder;
  public final TelcoFixture data;
  public final Path registry;
  public final int trainExitCode;

  private TrainedTelco(Path folder) throws IOException {
    this.folder = folder;
    this.data = TelcoFixture.create(folder.resolve("in"), 1200, 300);
    this.registry = folder.resolve("registry");
    this.trainExitCode = ChurnCli.execute(trainArguments(registry));
  }

  public String[] trainArguments(Path target) {
    return new String[] {
      "train", "--customers", data.train.toString(), "--registry", target.toString(), TRAIN_OPTIONS[0], TRAIN_OPTIONS[1], TRAIN_OPTIONS[2], TRAIN_OPTIONS[3]
    };
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
