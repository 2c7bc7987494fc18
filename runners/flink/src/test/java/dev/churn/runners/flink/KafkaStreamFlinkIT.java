package dev.churn.runners.flink;

import dev.churn.pipelines.KafkaStreamScenario;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The real telemetry sample through an embedded Kafka broker into {@code churn stream} on Flink's mini-cluster. */
public class KafkaStreamFlinkIT {
  @Rule public TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void streamsTheRealSampleFromKafkaOnFlink() throws Exception {
    KafkaStreamScenario.run("flink", folder.getRoot().toPath());
  }
}
