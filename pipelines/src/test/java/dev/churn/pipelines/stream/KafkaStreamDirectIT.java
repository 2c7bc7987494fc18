package dev.churn.pipelines.stream;

import dev.churn.pipelines.KafkaStreamScenario;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The real telemetry sample through an embedded Kafka broker into {@code churn stream} on the DirectRunner. */
public class KafkaStreamDirectIT {
  @Rule public TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void streamsTheRealSampleFromKafkaOnDirect() throws Exception {
    KafkaStreamScenario.run("direct", folder.getRoot().toPath());
  }
}
