package dev.churn.pipelines.cli;

import dev.churn.pipelines.storage.AzureStorageAuth;
import dev.churn.pipelines.storage.EnvironmentBlobClientFactory;
import dev.churn.transforms.InvalidInputException;
import dev.churn.transforms.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.azure.options.BlobstoreOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Options every pipeline command shares: {@code --runner direct|flink|spark} and
 * {@code --azure-blob-endpoint}; any other {@code --name=value} is passed to Beam as a pipeline option
 * (for example {@code --targetParallelism=2}). azfs:// paths authenticate from the environment
 * ({@link AzureStorageAuth}), never from the command line.
 */
public final class RunnerOptions {
  private static final Map<String, String> RUNNERS =
      Map.of("direct", "DirectRunner", "flink", "FlinkRunner", "spark", "SparkRunner");

  @Option(names = "--runner", defaultValue = "direct", description = "direct, flink or spark (default: ${DEFAULT-VALUE})")
  String runner;

  @Mixin BlobEndpointOption blobEndpoint;

  /** The command this is mixed into: the arguments it did not know are Beam pipeline options. */
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  /** The {@code --name=value} arguments the command did not know (it allows them: {@link ChurnCli}). */
  List<String> beamArguments() {
    return command == null ? List.of() : command.commandLine().getUnmatchedArguments();
  }

  /**
   * {@code command} (another command object) with {@code args} parsed as on the command line, defaults
   * applied, to run on this runner with the same Beam options.
   */
  <T> T parseOnSameRunner(T command, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--runner=" + runner);
    if (blobEndpoint.url() != null) {
      all.add("--azure-blob-endpoint=" + blobEndpoint.url());
    }
    all.addAll(beamArguments());
    new picocli.CommandLine(command).setUnmatchedArgumentsAllowed(true).parseArgs(all.toArray(new String[0]));
    return command;
  }

  /** {@code --azure-blob-endpoint}, for outputs, inputs and the registry. */
  BlobEndpointOption blobEndpoint() {
    return blobEndpoint;
  }

  /** Beam pipeline options for the chosen runner; also sets up Beam's file systems with them. */
  public PipelineOptions pipelineOptions() {
    for (String argument : beamArguments()) {
      if (!argument.startsWith("--") || !argument.contains("=")) {
        throw new InvalidInputException("unknown argument '" + argument + "' (Beam options take the form --name=value)");
      }
    }
    PipelineOptions options = create(runner, beamArguments());
    if (blobEndpoint.url() != null) {
      options.as(BlobstoreOptions.class).setBlobServiceEndpoint(blobEndpoint.url());
    }
    FileSystems.setDefaultPipelineOptions(options);
    return options;
  }

  /**
   * Beam pipeline options for {@code runnerName} (direct, flink or spark) from {@code arguments}
   * (--name=value), with azfs:// paths authenticated from the environment.
   */
  public static PipelineOptions create(String runnerName, List<String> arguments) {
    String runnerClass = RUNNERS.get(runnerName);
    if (runnerClass == null) {
      throw new InvalidInputException("--runner " + runnerName + ": expected direct, flink or spark");
    }
    List<String> args = new ArrayList<>(arguments);
    args.add("--runner=" + runnerClass);
    PipelineOptions options;
    try {
      options = PipelineOptionsFactory.fromArgs(args.toArray(new String[0])).withValidation().create();
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("Beam pipeline options " + arguments + ": " + firstLine(e.getMessage()), e);
    }
    options.as(BlobstoreOptions.class).setBlobstoreClientFactoryClass(EnvironmentBlobClientFactory.class);
    return options;
  }

  /** Whether this program holds {@code runnerName}'s runner (each runner has its own jar). */
  public static boolean availableHere(String runnerName) {
    String runnerClass = RUNNERS.get(runnerName);
    try {
      Class.forName("org.apache.beam.runners." + runnerName + "." + runnerClass);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** Runs a pipeline to the end, with a line on the error stream before and after. */
  public static PipelineResult runToEnd(Pipeline pipeline, String what) {
    Progress.say(what + " on " + pipeline.getOptions().getRunner().getSimpleName() + " ...");
    long start = System.nanoTime();
    PipelineResult result = pipeline.run();
    PipelineResult.State state = result.waitUntilFinish();
    if (state != PipelineResult.State.DONE) {
      throw new IllegalStateException(what + " ended in state " + state);
    }
    Progress.say(String.format("%s done in %.1f s", what, (System.nanoTime() - start) / 1e9));
    return result;
  }

  private static String firstLine(String message) {
    return message == null ? "bad pipeline option" : message.lines().findFirst().orElse(message);
  }
}
