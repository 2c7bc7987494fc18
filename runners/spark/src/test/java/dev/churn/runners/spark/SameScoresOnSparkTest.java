package dev.churn.runners.spark;

import dev.churn.pipelines.RunnerParity;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Training and scoring on Spark give the same models and scores as on the DirectRunner. */
public class SameScoresOnSparkTest {
  @Rule public TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void sparkAndDirectAgreeToTheNinthDecimal() throws Exception {
    RunnerParity.assertSameScoresAsDirect("spark", folder.getRoot().toPath());
  }
}
