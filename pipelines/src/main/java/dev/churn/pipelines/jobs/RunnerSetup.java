package dev.churn.pipelines.jobs;

import java.util.List;
import org.apache.beam.sdk.PipelineRunner;

/**
 * What a runner module tells the pipelines about its Beam runner: the name {@code --runner} takes, the
 * runner class, and how the runner runs on this machine with a given number of workers (the settings
 * the bench measures). Each runner jar lists its setup in {@code META-INF/services}; {@link Runners}
 * finds them. A Beam runner on the class path without a setup runs with Beam's defaults.
 */
public interface RunnerSetup {
  /** The name {@code --runner} takes: {@code direct}, {@code flink}, {@code spark}. */
  String name();

  Class<? extends PipelineRunner<?>> runnerClass();

  /** The ways to run on this machine with {@code workers} worker threads, each with its Beam options. */
  List<LocalRun> localRuns(int workers);

  /** Whether the runner is meant for small inputs only (the DirectRunner checks every element). */
  default boolean smallInputsOnly() {
    return false;
  }

  /** One way to run on this machine: a label, a detail for reports, and the Beam options. */
  final class LocalRun {
    public final String label;
    public final String detail;
    public final List<String> beamArguments;

    public LocalRun(String label, String detail, List<String> beamArguments) {
      this.label = label;
      this.detail = detail;
      this.beamArguments = List.copyOf(beamArguments);
    }
  }
}
