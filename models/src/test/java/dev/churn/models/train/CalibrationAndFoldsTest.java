package dev.churn.models.train;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;

import dev.churn.models.evaluate.BinaryMetrics;
import java.util.Random;
import org.junit.Test;

public class CalibrationAndFoldsTest {
  @Test
  public void plattScalingRecoversAKnownDistortion() {
    // true probabilities q; the model reports p with logit(p) = (logit(q) - 0.5) / 2
    Random random = new Random(1);
    int n = 20000;
    double[] y = new double[n];
    double[] p = new double[n];
    for (int i = 0; i < n; i++) {
      double z = random.nextGaussian() * 1.5 - 1;
      y[i] = random.nextDouble() < PlattScaling.sigmoid(z) ? 1 : 0;
      p[i] = PlattScaling.sigmoid((z - 0.5) / 2);
    }
    PlattScaling fitted = PlattScaling.fit(y, p);
    assertThat(fitted.a, closeTo(2.0, 0.1));
    assertThat(fitted.b, closeTo(0.5, 0.1));
    assertThat(BinaryMetrics.expectedCalibrationError(y, fitted.apply(p)), closeTo(0, 0.015));
  }

  @Test
  public void foldsAreStratifiedToOneRowAndIndependentOfRowOrder() {
    TrainingData data = Synthetic.data(1003, 4);
    int[] folds = data.stratifiedFolds(5, 9);
    long positives = data.positives();
    for (int f = 0; f < 5; f++) {
      TrainingData fold = data.fold(folds, f, true);
      assertThat((double) fold.positives(), closeTo(positives / 5.0, 1.0));
      assertThat((double) fold.size(), closeTo(1003 / 5.0, 1.0));
    }
    // reversed rows: every customer keeps its fold
    int n = data.size();
    java.util.List<Integer> reversed = new java.util.ArrayList<>();
    for (int i = n - 1; i >= 0; i--) {
      reversed.add(i);
    }
    int[] reversedFolds = data.select(reversed).stratifiedFolds(5, 9);
    for (int i = 0; i < n; i++) {
      assertThat(reversedFolds[n - 1 - i], equalTo(folds[i]));
    }
  }
}
