package dev.churn.pipelines.cli;

import dev.churn.pipelines.jobs.Execution;
import dev.churn.pipelines.jobs.Runners;
import dev.churn.pipelines.storage.AzureStorageAuth;
import dev.churn.transforms.Progress;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Options every pipeline command shares: {@code --runner direct|flink|spark}, {@code --quiet} and
 * {@code --azure-blob-endpoint}; any other {@code --name=value} is passed to Beam as a pipeline option
 * (for example {@code --targetParallelism=2}). azfs:// paths authenticate from the environment
 * ({@link AzureStorageAuth}), never from the command line. Together they are a job's {@link Execution}.
 */
public final class RunnerOptions {
  @Option(names = "--runner", description = "direct, flink or spark (default: direct, or the runner of this jar)")
  String runner;

  @Mixin BlobEndpointOption blobEndpoint;

  @Option(names = "--quiet", description = "no running commentary on stderr (which pipeline runs, its counts every 10 s); warnings and results still show")
  boolean quiet;

  /** The command this is mixed into: the arguments it did not know are Beam pipeline options. */
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  /** The {@code --name=value} arguments the command did not know (it allows them: {@link ChurnCli}). */
  List<String> beamArguments() {
    return command == null ? List.of() : command.commandLine().getUnmatchedArguments();
  }

  /** {@code --azure-blob-endpoint}, for outputs, inputs and the registry. */
  BlobEndpointOption blobEndpoint() {
    return blobEndpoint;
  }

  /** The runner, the Beam options and the blob endpoint these options give; applies {@code --quiet}. */
  public Execution execution() {
    Progress.setQuiet(quiet);
    return Execution.of(runner == null ? Runners.defaultName() : runner, beamArguments(), blobEndpoint.url());
  }
}
