package dev.churn.models.train;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;

import java.util.List;
import org.junit.Test;

public class Dl4jTrainerTest {
  private static final TrainingData DATA = Synthetic.data(500, 11);

  private static double[] weightsAfter(int epochs, double decay) {
    NetworkSpec spec = NetworkSpec.named(List.of("logistic")).get(0);
    spec.learningRateDecay = decay;
    return Dl4jTrainer.fit(spec, DATA, epochs, 5).network().params().toDoubleVector();
  }

  /** How far the weights move from epoch 2 to epoch 6. */
  private static double laterMovement(double decay) {
    double[] before = weightsAfter(2, decay);
    double[] after = weightsAfter(6, decay);
    double sum = 0;
    for (int i = 0; i < before.length; i++) {
      sum += (after[i] - before[i]) * (after[i] - before[i]);
    }
    return Math.sqrt(sum);
  }

  @Test
  public void theLearningRateDecaysAfterEachEpoch() {
    double constant = laterMovement(1);
    assertThat(constant, greaterThan(0.01));
    // at 1 % of the rate per epoch, epochs 3 to 6 run at 1e-4 of it and less
    assertThat(laterMovement(0.01), lessThan(constant * 1e-3));
  }
}
