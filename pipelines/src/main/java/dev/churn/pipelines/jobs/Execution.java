package dev.churn.pipelines.jobs;

import dev.churn.pipelines.input.ReadCounts;
import dev.churn.pipelines.storage.EnvironmentBlobClientFactory;
import dev.churn.pipelines.storage.OutputFolder;
import dev.churn.pipelines.storage.RegistryLocation;
import dev.churn.transforms.InvalidInputException;
import dev.churn.transforms.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.azure.options.BlobstoreOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.joda.time.Duration;

/**
 * Where and how a job's pipelines run: the runner ({@code direct}, {@code flink}, {@code spark}), Beam's
 * own options for it ({@code --name=value}), and the blob endpoint of azfs:// paths. The command line
 * makes one from its options; the demo, the scheduler and the bench make theirs directly.
 */
public final class Execution {
  private static final long STOP_POLL_MILLIS = 500;

  /** How often a running pipeline's progress is printed, in milliseconds (tests shorten it). */
  static long progressMillis = 10_000;

  private final String runner;
  private final List<String> beamArguments;
  private final String blobEndpoint;

  private Execution(String runner, List<String> beamArguments, String blobEndpoint) {
    this.runner = runner;
    this.beamArguments = List.copyOf(beamArguments);
    this.blobEndpoint = blobEndpoint;
  }

  /**
   * @param beamArguments Beam pipeline options, {@code --name=value}
   * @param blobEndpoint {@code --azure-blob-endpoint}, or null for the storage accounts' own
   */
  public static Execution of(String runner, List<String> beamArguments, String blobEndpoint) {
    Runners.named(runner);
    for (String argument : beamArguments) {
      if (!argument.startsWith("--") || !argument.contains("=")) {
        throw new InvalidInputException("unknown argument '" + argument + "' (Beam options take the form --name=value)");
      }
    }
    return new Execution(runner, beamArguments, blobEndpoint);
  }

  public String runner() {
    return runner;
  }

  public List<String> beamArguments() {
    return beamArguments;
  }

  public String blobEndpoint() {
    return blobEndpoint;
  }

  /** The registry at {@code location}, reached through this execution's blob endpoint. */
  public RegistryLocation registry(String location) {
    return RegistryLocation.of(location, blobEndpoint);
  }

  /** The output folder at {@code location}, reached through this execution's blob endpoint. */
  public OutputFolder output(String location) {
    return OutputFolder.at(location, blobEndpoint);
  }

  /**
   * Beam pipeline options for this runner, marked with the {@code job} they run and its {@code registry}
   * ({@link ChurnOptions}, and a job name such as {@code churn-score-...} unless {@code --jobName} is
   * given); also sets up Beam's file systems with them (azfs:// paths authenticated from the
   * environment), which reading the inputs needs before a pipeline starts.
   */
  public PipelineOptions pipelineOptions(String job, RegistryLocation registry) {
    PipelineOptions options = options(runner, beamArguments);
    if (blobEndpoint != null) {
      options.as(BlobstoreOptions.class).setBlobServiceEndpoint(blobEndpoint);
    }
    ChurnOptions churn = options.as(ChurnOptions.class);
    churn.setChurnJob(job);
    churn.setChurnRegistry(registry.location());
    if (beamArguments.stream().noneMatch(a -> a.startsWith("--jobName="))) {
      options.setJobName("churn-" + job + "-" + options.getJobName());
    }
    FileSystems.setDefaultPipelineOptions(options);
    return options;
  }

  /** Beam pipeline options for {@code runner} from {@code arguments}, without setting up the file systems. */
  public static PipelineOptions options(String runner, List<String> arguments) {
    List<String> args = new ArrayList<>(arguments);
    args.add("--runner=" + Runners.named(runner).runnerClass().getName());
    if (runner.equals("direct") && arguments.stream().noneMatch(a -> a.startsWith("--blockOnRun="))) {
      // run() returns at once, so that runToEnd can say how far the pipeline got while it runs
      args.add("--blockOnRun=false");
    }
    PipelineOptions options;
    try {
      options = PipelineOptionsFactory.fromArgs(args.toArray(new String[0])).withValidation().create();
    } catch (IllegalArgumentException e) {
      String message = e.getMessage() == null ? "bad pipeline option" : e.getMessage().lines().findFirst().orElse(e.getMessage());
      throw new InvalidInputException("Beam pipeline options " + arguments + ": " + message, e);
    }
    options.as(BlobstoreOptions.class).setBlobstoreClientFactoryClass(EnvironmentBlobClientFactory.class);
    return options;
  }

  /** Runs a pipeline to the end, with a line on the error stream before and after. */
  public static PipelineResult runToEnd(Pipeline pipeline, String what) {
    return runToEnd(pipeline, what, () -> false);
  }

  /**
   * Runs a pipeline to its end, or until {@code stopRequested} (then it is cancelled: what it was
   * processing is finished or dropped, as the runner does it, and the result counts as ended).
   */
  public static PipelineResult runToEnd(Pipeline pipeline, String what, BooleanSupplier stopRequested) {
    Progress.status(what + " on " + pipeline.getOptions().getRunner().getSimpleName() + " ...");
    long start = System.nanoTime();
    PipelineResult result = pipeline.run();
    PipelineResult.State state;
    // Direct (without blocking on run) and Spark run a pipeline in the background and answer while it
    // runs; Flink's batch run has ended when run() returns
    long nextProgress = System.nanoTime() + progressMillis * 1_000_000;
    while ((state = result.waitUntilFinish(Duration.millis(Math.min(STOP_POLL_MILLIS, progressMillis)))) == null || !state.isTerminal()) {
      if (stopRequested.getAsBoolean()) {
        state = cancel(result, what);
        break;
      }
      if (System.nanoTime() >= nextProgress) {
        Progress.status(String.format(Locale.ROOT, "%s: %.0f s, %s", what, (System.nanoTime() - start) / 1e9, ReadCounts.soFar(result)));
        nextProgress += progressMillis * 1_000_000;
      }
    }
    if (state == PipelineResult.State.CANCELLED && stopRequested.getAsBoolean()) {
      Progress.say(String.format(Locale.ROOT, "%s stopped after %.1f s, as asked", what, (System.nanoTime() - start) / 1e9));
      return result;
    }
    if (state != PipelineResult.State.DONE) {
      throw new IllegalStateException(what + " ended in state " + state);
    }
    Progress.status(String.format(Locale.ROOT, "%s done in %.1f s", what, (System.nanoTime() - start) / 1e9));
    return result;
  }

  private static PipelineResult.State cancel(PipelineResult result, String what) {
    Progress.say("stopping " + what + " ...");
    try {
      result.cancel();
    } catch (java.io.IOException | UnsupportedOperationException e) {
      throw new IllegalStateException("cannot stop " + what + ": " + e.getMessage(), e);
    }
    PipelineResult.State state = result.waitUntilFinish(Duration.standardMinutes(1));
    return state == null ? PipelineResult.State.CANCELLED : state;
  }
}
