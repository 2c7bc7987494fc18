package dev.churn.runners.spark;

import dev.churn.pipelines.WithoutDirectRunner;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The commands as churn-spark.jar runs them: Surefire runs this test without the DirectRunner (pom.xml). */
public class WithoutDirectRunnerSparkTest {
  @Rule public TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void commandsRunOnSparkWithoutTheDirectRunner() throws Exception {
    WithoutDirectRunner.assertCommandsRunOn("spark", "SparkRunner", folder.getRoot().toPath());
  }
}
