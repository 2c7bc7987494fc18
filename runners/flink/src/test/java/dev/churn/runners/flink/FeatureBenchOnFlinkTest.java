package dev.churn.runners.flink;

import dev.churn.bench.FeatureBenchParity;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The bench's feature stage on Flink: the pipeline's feature lines equal the plain-Java baseline's. */
public class FeatureBenchOnFlinkTest {
  @Rule public TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void featuresEqualTheBaseline() throws Exception {
    FeatureBenchParity.assertFeaturesEqualBaseline("flink", folder.getRoot().toPath());
  }
}
