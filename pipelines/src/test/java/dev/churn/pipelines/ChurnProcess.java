package dev.churn.pipelines;

import dev.churn.pipelines.cli.ChurnCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The command line in a process of its own, as a user runs it: with its own environment (secrets, no
 * inherited AZURE_ or CHURN_ variables), everything it prints going to one log file.
 */
public final class ChurnProcess {
  public final Process process;
  public final Path log;

  private ChurnProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  public static ChurnProcess start(Path folder, Map<String, String> environment, List<String> arguments) throws IOException {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command =
        new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
            // as ./churn runs it: JavaCPP does not police the process's resident size on ND4J's many allocations
            "-Dorg.bytedeco.javacpp.maxphysicalbytes=0", "-cp", classpath, ChurnCli.class.getName()));
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("AZURE_") || name.startsWith("CHURN_"));
    builder.environment().put("OMP_NUM_THREADS", "1");
    builder.environment().putAll(environment);
    Path log = Files.createTempFile(folder, "churn-", ".log");
    builder.redirectOutput(log.toFile());
    return new ChurnProcess(builder.start(), log);
  }

  /** What a finished run printed, with its exit code. */
  public static final class Finished {
    public final int exitCode;
    public final String output;

    Finished(int exitCode, String output) {
      this.exitCode = exitCode;
      this.output = output;
    }
  }

  /** Runs the command line in its own process to the end (at most 5 minutes). */
  public static Finished run(Path folder, Map<String, String> environment, List<String> arguments) throws IOException, InterruptedException {
    ChurnProcess process = start(folder, environment, arguments);
    int exitCode = process.waitForExit();
    return new Finished(exitCode, process.output());
  }

  /** Runs to the end (at most 5 minutes) and returns the exit code. */
  public int waitForExit() throws IOException, InterruptedException {
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("churn did not end within 5 minutes:\n" + output());
    }
    return process.exitValue();
  }

  /** Stops it as an operator would (SIGTERM) and waits for it to end. */
  public void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(1, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
    }
  }

  /** Everything the process printed so far. */
  public String output() throws IOException {
    return Files.readString(log);
  }
}
