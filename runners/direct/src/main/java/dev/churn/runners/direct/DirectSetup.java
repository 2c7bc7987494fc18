package dev.churn.runners.direct;

import com.google.auto.service.AutoService;
import dev.churn.pipelines.jobs.RunnerSetup;
import java.util.List;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.PipelineRunner;

/**
 * Beam's DirectRunner, for small inputs: it checks that every element stays unchanged and encodable,
 * which the bench measures with and without.
 */
@AutoService(RunnerSetup.class)
public final class DirectSetup implements RunnerSetup {
  @Override
  public String name() {
    return "direct";
  }

  @Override
  public Class<? extends PipelineRunner<?>> runnerClass() {
    return DirectRunner.class;
  }

  @Override
  public List<LocalRun> localRuns(int workers) {
    String threads = "--targetParallelism=" + workers;
    String detail = "targetParallelism=" + workers;
    return List.of(
        new LocalRun("direct (checks off)", detail, List.of(threads, "--enforceImmutability=false", "--enforceEncodability=false")),
        new LocalRun("direct (checks on)", detail, List.of(threads)));
  }

  @Override
  public boolean smallInputsOnly() {
    return true;
  }
}
