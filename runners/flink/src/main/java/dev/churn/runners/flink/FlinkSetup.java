package dev.churn.runners.flink;

import com.google.auto.service.AutoService;
import dev.churn.pipelines.jobs.RunnerSetup;
import java.util.List;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.PipelineRunner;

/** Beam's FlinkRunner: without {@code --flinkMaster}, Flink's embedded mini-cluster in this JVM. */
@AutoService(RunnerSetup.class)
public final class FlinkSetup implements RunnerSetup {
  @Override
  public String name() {
    return "flink";
  }

  @Override
  public Class<? extends PipelineRunner<?>> runnerClass() {
    return FlinkRunner.class;
  }

  @Override
  public List<LocalRun> localRuns(int workers) {
    return List.of(new LocalRun("flink", "local, parallelism " + workers, List.of("--parallelism=" + workers)));
  }
}
