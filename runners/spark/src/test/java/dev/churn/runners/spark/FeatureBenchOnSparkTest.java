package dev.churn.runners.spark;

import dev.churn.bench.FeatureBenchParity;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The bench's feature stage on Spark: the pipeline's feature lines equal the plain-Java baseline's. */
public class FeatureBenchOnSparkTest {
  @Rule public TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void featuresEqualTheBaseline() throws Exception {
    FeatureBenchParity.assertFeaturesEqualBaseline("spark", folder.getRoot().toPath());
  }
}
