package dev.churn.pipelines.jobs;

import dev.churn.transforms.InvalidInputException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineRunner;
import org.apache.beam.sdk.runners.PipelineRunnerRegistrar;

/**
 * The runners this program holds: the {@link RunnerSetup}s of its runner modules, and any other runner
 * Beam registers on the class path (as Beam names it: {@code DirectRunner} is {@code direct}), with
 * Beam's defaults. Each runner jar holds one runner; {@code ./churn --runner NAME} picks the jar.
 */
public final class Runners {
  private static final SortedMap<String, RunnerSetup> HERE = find();
  private static final String DEFAULT = HERE.containsKey("direct") || ownSetups().isEmpty() ? "direct" : ownSetups().get(0).name();

  private Runners() {}

  /** The runner named {@code name}, or a message naming the runners this program holds. */
  public static RunnerSetup named(String name) {
    RunnerSetup setup = HERE.get(name);
    if (setup == null) {
      throw new InvalidInputException(
          "--runner " + name + ": not a runner of this program, which holds " + String.join(", ", HERE.keySet())
              + " (each runner has its own jar; ./churn --runner NAME starts the right one)");
    }
    return setup;
  }

  /** Whether this program holds the runner named {@code name}. */
  public static boolean here(String name) {
    return HERE.containsKey(name);
  }

  /**
   * The runner a command runs on without {@code --runner}: the DirectRunner where this program holds it,
   * else its runner module's own (the Flink jar runs on Flink).
   */
  public static String defaultName() {
    return DEFAULT;
  }

  private static List<RunnerSetup> ownSetups() {
    List<RunnerSetup> setups = new ArrayList<>();
    ServiceLoader.load(RunnerSetup.class).forEach(setups::add);
    setups.sort(Comparator.comparing(RunnerSetup::name));
    return setups;
  }

  private static SortedMap<String, RunnerSetup> find() {
    SortedMap<String, RunnerSetup> setups = new TreeMap<>();
    for (PipelineRunnerRegistrar registrar : ServiceLoader.load(PipelineRunnerRegistrar.class)) {
      for (Class<? extends PipelineRunner<?>> runner : registrar.getPipelineRunners()) {
        if (runner.getSimpleName().startsWith("Test")) {
          continue; // Beam's runners for its own tests
        }
        RunnerSetup defaults = new BeamDefaults(runner);
        setups.putIfAbsent(defaults.name(), defaults);
      }
    }
    for (RunnerSetup setup : ownSetups()) {
      setups.put(setup.name(), setup);
    }
    return setups;
  }

  /** A Beam runner without a setup: Beam's own name for it and Beam's defaults. */
  private static final class BeamDefaults implements RunnerSetup {
    private final Class<? extends PipelineRunner<?>> runner;

    BeamDefaults(Class<? extends PipelineRunner<?>> runner) {
      this.runner = runner;
    }

    @Override
    public String name() {
      return runner.getSimpleName().replaceFirst("Runner$", "").toLowerCase(Locale.ROOT);
    }

    @Override
    public Class<? extends PipelineRunner<?>> runnerClass() {
      return runner;
    }

    @Override
    public List<LocalRun> localRuns(int workers) {
      return List.of(new LocalRun(name(), "Beam's defaults", List.of()));
    }
  }
}
