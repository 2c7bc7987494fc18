package dev.churn.runners.flink;

import dev.churn.pipelines.RunnerParity;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Training and scoring on Flink give the same models and scores as on the DirectRunner. */
public class SameScoresOnFlinkTest {
  @Rule public TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void flinkAndDirectAgreeToTheNinthDecimal() throws Exception {
    RunnerParity.assertSameScoresAsDirect("flink", folder.getRoot().toPath());
  }
}
