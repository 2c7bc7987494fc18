package dev.churn.models.evaluate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class BinaryMetricsTest {
  private static final double[] Y = {0, 0, 1, 1, 0, 1};
  private static final double[] P = {0.1, 0.4, 0.35, 0.8, 0.4, 0.9};

  @Test
  public void rocAucCountsPairsAndHalvesTies() {
    // positives 0.35, 0.8, 0.9 against negatives 0.1, 0.4, 0.4: 0.35 beats one, 0.8 and 0.9 beat three
    assertThat(BinaryMetrics.rocAuc(Y, P), closeTo(7.0 / 9, 1e-12));
    assertThat(BinaryMetrics.rocAuc(new double[] {0, 1}, new double[] {0.5, 0.5}), closeTo(0.5, 1e-12));
    assertThat(Double.isNaN(BinaryMetrics.rocAuc(new double[] {1, 1}, new double[] {0.2, 0.3})), equalTo(true));
  }

  @Test
  public void averagePrecisionOverThresholds() {
    // by score: 0.9 (1), 0.8 (1), 0.4 0.4 (0 0), 0.35 (1), 0.1 (0)
    double expected = (1.0 / 3) * 1 + (1.0 / 3) * 1 + (1.0 / 3) * (3.0 / 5);
    assertThat(BinaryMetrics.prAuc(Y, P), closeTo(expected, 1e-12));
  }

  @Test
  public void logLossAccuracyAndF1() {
    double expected =
        -(Math.log(0.9) + Math.log(0.6) + Math.log(0.35) + Math.log(0.8) + Math.log(0.6) + Math.log(0.9)) / 6;
    assertThat(BinaryMetrics.logLoss(Y, P), closeTo(expected, 1e-12));
    assertThat(BinaryMetrics.accuracy(Y, P, 0.5), closeTo(5.0 / 6, 1e-12));
    // at 0.35: tp 3, fp 2, fn 0
    assertThat(BinaryMetrics.f1(Y, P, 0.35), closeTo(6.0 / 8, 1e-12));
  }

  @Test
  public void bestF1ThresholdIsOneOfThePredictions() {
    // 0.8: tp 2 fp 0 fn 1 -> 0.8; 0.35: tp 3 fp 2 -> 0.75; 0.9: 0.5
    assertThat(BinaryMetrics.bestF1Threshold(Y, P), equalTo(0.8));
  }

  @Test
  public void expectedCalibrationErrorWeighsEachBinsGapByItsRows() {
    // bin [0.1, 0.2): predictions 0.1, 0.1 with one churner -> gap |0.2 - 1| / 4; bin [0.9, 1]: 0.9, 0.9 with two -> |1.8 - 2| / 4
    double[] y = {0, 1, 1, 1};
    double[] p = {0.1, 0.1, 0.9, 0.9};
    assertEquals((0.8 + 0.2) / 4, BinaryMetrics.expectedCalibrationError(y, p), 1e-12);
  }
}
