package dev.churn.bench;

import dev.churn.transforms.InvalidInputException;
import dev.churn.transforms.Progress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs {@code churn bench} for a runner this program does not hold (each runner has its own jar) through
 * the {@code churn} launcher of the checkout this jar was built in, and collects the measurements it
 * prints. Its progress lines pass through to this program's error stream.
 */
public final class RunnerProcess {
  private RunnerProcess() {}

  public static List<Measurement> bench(String runner, List<String> arguments) {
    Path launcher = launcher();
    List<String> command = new ArrayList<>(List.of(launcher.toString(), "bench", "--runner", runner));
    command.addAll(arguments);
    Progress.say("starting " + String.join(" ", command));
    List<Measurement> measurements = new ArrayList<>();
    try {
      Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          Measurement m = Measurement.fromJson(line);
          if (m != null) {
            measurements.add(m);
          }
        }
      }
      int status = process.waitFor();
      if (status != 0) {
        throw new IllegalStateException("churn bench on " + runner + " failed with exit status " + status + " (its messages are above)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + launcher + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while benchmarking " + runner, e);
    }
    return measurements;
  }

  /** The runner modules of the checkout ({@code runners/NAME}), or none outside a checkout. */
  public static List<String> runners() {
    Path checkout = checkout();
    if (checkout == null) {
      return List.of();
    }
    try (Stream<Path> modules = Files.list(checkout.resolve("runners"))) {
      return modules.filter(Files::isDirectory).map(m -> m.getFileName().toString()).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path launcher() {
    Path checkout = checkout();
    if (checkout == null) {
      throw new InvalidInputException(
          "the other runners are benchmarked through the churn launcher of a checkout, and this program is not in one:"
              + " run ./churn bench from the checkout, or pass --runners with this jar's runner only");
    }
    return checkout.resolve("churn");
  }

  /** The checkout holding this program's classes (benchmarks/target/...): the folder with {@code churn} and {@code runners/}. */
  private static Path checkout() {
    Path jar;
    try {
      jar = Paths.get(RunnerProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | RuntimeException e) {
      throw new IllegalStateException("cannot tell where this program was started from", e);
    }
    for (Path folder = jar.getParent(); folder != null; folder = folder.getParent()) {
      Path launcher = folder.resolve("churn");
      if (Files.isRegularFile(launcher) && Files.isExecutable(launcher) && Files.isDirectory(folder.resolve("runners"))) {
        return folder;
      }
    }
    return null;
  }
}
