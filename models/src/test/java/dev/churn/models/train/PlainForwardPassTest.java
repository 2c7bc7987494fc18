package dev.churn.models.train;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.Test;

/** The plain-Java forward pass computes what DL4J computes, for every candidate network, calibrated or not. */
public class PlainForwardPassTest {
  @Test
  public void equalsDl4jForEveryCandidate() {
    TrainingData data = Synthetic.data(600, 3);
    for (NetworkSpec spec : NetworkSpec.defaultCandidates()) {
      Dl4jNetwork network = Dl4jTrainer.fit(spec, data, 3, 42).calibrated(new PlattScaling(0.8, -0.1));
      double[] dl4j = network.predict(data.features());
      double[] plain = new PlainForwardPass(network).predict(data.features());
      assertArrayEquals(spec.name, dl4j, plain, 1e-12);
      // a trained network does not score everyone alike, so equal scores mean something
      assertEquals(spec.name, true, Arrays.stream(dl4j).distinct().count() > 100);
    }
  }

  @Test
  public void scoresNothingForNoRows() {
    Dl4jNetwork network = Dl4jTrainer.fit(NetworkSpec.named(List.of("logistic")).get(0), Synthetic.data(200, 1), 1, 1);
    assertEquals(0, new PlainForwardPass(network).predict(new double[0][]).length);
  }
}
