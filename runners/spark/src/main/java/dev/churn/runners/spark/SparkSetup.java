package dev.churn.runners.spark;

import com.google.auto.service.AutoService;
import dev.churn.pipelines.jobs.RunnerSetup;
import java.util.List;
import org.apache.beam.runners.spark.SparkRunner;
import org.apache.beam.sdk.PipelineRunner;

/** Beam's SparkRunner: without {@code --sparkMaster}, Spark's local mode in this JVM. */
@AutoService(RunnerSetup.class)
public final class SparkSetup implements RunnerSetup {
  @Override
  public String name() {
    return "spark";
  }

  @Override
  public Class<? extends PipelineRunner<?>> runnerClass() {
    return SparkRunner.class;
  }

  @Override
  public List<LocalRun> localRuns(int workers) {
    String master = "local[" + workers + "]";
    return List.of(new LocalRun("spark", master, List.of("--sparkMaster=" + master)));
  }
}
