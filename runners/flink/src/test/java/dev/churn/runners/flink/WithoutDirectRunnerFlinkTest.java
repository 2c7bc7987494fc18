package dev.churn.runners.flink;

import dev.churn.pipelines.WithoutDirectRunner;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The commands as churn-flink.jar runs them: Surefire runs this test without the DirectRunner (pom.xml). */
public class WithoutDirectRunnerFlinkTest {
  @Rule public TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void commandsRunOnFlinkWithoutTheDirectRunner() throws Exception {
    WithoutDirectRunner.assertCommandsRunOn("flink", "FlinkRunner", folder.getRoot().toPath());
  }
}
