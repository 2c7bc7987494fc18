package dev.churn.pipelines.jobs;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.churn.pipelines.storage.RegistryLocation;
import dev.churn.transforms.InvalidInputException;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.junit.Test;

/** Runners found on the class path, and the options a job's pipelines carry. */
public class ExecutionTest {
  @Test
  public void aBeamRunnerWithoutASetupRunsWithBeamsDefaults() {
    // this module's tests hold Beam's DirectRunner but not the direct runner module's setup
    RunnerSetup direct = Runners.named("direct");
    assertEquals(DirectRunner.class, direct.runnerClass());
    assertEquals(1, direct.localRuns(2).size());
    assertEquals(List.of(), direct.localRuns(2).get(0).beamArguments);
    assertFalse("Beam's test runners are not offered", Runners.here("testdirect"));
  }

  @Test
  public void anUnknownRunnerNamesTheRunnersHeld() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Execution.of("storm", List.of(), null));
    assertThat(e.getMessage(), startsWith("--runner storm: not a runner of this program, which holds direct ("));
  }

  @Test
  public void pipelinesCarryTheirJobAndRegistry() {
    PipelineOptions options =
        Execution.of("direct", List.of("--targetParallelism=2"), null).pipelineOptions("score", RegistryLocation.of(Path.of("/tmp/registry")));
    ChurnOptions churn = options.as(ChurnOptions.class);
    assertEquals("score", churn.getChurnJob());
    assertEquals("/tmp/registry", churn.getChurnRegistry());
    assertThat(options.getJobName(), startsWith("churn-score-"));
    assertEquals(DirectRunner.class, options.getRunner());
  }

  @Test
  public void aJobNameGivenIsKept() {
    PipelineOptions options =
        Execution.of("direct", List.of("--jobName=nightly"), null).pipelineOptions("train", RegistryLocation.of(Path.of("/tmp/registry")));
    assertEquals("nightly", options.getJobName());
    assertTrue(options.as(ChurnOptions.class).getChurnJob().equals("train"));
  }
}
