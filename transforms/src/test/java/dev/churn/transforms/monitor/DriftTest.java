package dev.churn.transforms.monitor;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;

import java.util.List;
import java.util.Map;
import org.junit.Test;

public class DriftTest {
  private static Histogram histogram(double... values) {
    Histogram histogram = Histogram.fromQuantiles(List.of(0.0, 1.0, 2.0, 3.0, 4.0));
    for (double value : values) {
      histogram.add(value);
    }
    return histogram;
  }

  @Test
  public void binsValuesBetweenTheInnerQuantilesAndCountsThoseOutsideTheTrainingRange() {
    Histogram h = histogram(-1, 0.5, 1, 1.5, 2, 3.5, 5);
    h.add(null);
    assertThat(h.edges, equalTo(new double[] {1, 2, 3}));
    // (-inf, 1], (1, 2], (2, 3], (3, inf)
    assertThat(h.counts, equalTo(new long[] {3, 2, 0, 2}));
    assertThat(h.below, equalTo(1L));
    assertThat(h.above, equalTo(1L));
    assertThat(h.missing, equalTo(1L));
    assertThat(h.present(), equalTo(7L));
  }

  @Test
  public void repeatedQuantilesGiveOneEdgeAndMergingAddsCounts() {
    Histogram h = Histogram.fromQuantiles(List.of(0.0, 0.0, 0.0, 1.0, 1.0));
    assertThat(h.edges, equalTo(new double[] {0, 1}));
    h.add(0.0);
    Histogram other = h.emptyCopy();
    other.add(1.0);
    other.add(0.0);
    h.merge(other);
    assertThat(h.counts, equalTo(new long[] {2, 1, 0}));
  }

  @Test
  public void theSameDistributionHasNoDriftAndAShiftedOneHasMuch() {
    Drift same = Drift.of(histogram(0.5, 1.5, 2.5, 3.5), histogram(0.5, 1.5, 2.5, 3.5));
    assertThat(same.psi, closeTo(0, 1e-12));
    assertThat(same.ks, closeTo(0, 1e-12));
    assertThat(same.pValue, closeTo(1, 1e-9));

    double[] training = new double[400];
    double[] shifted = new double[400];
    for (int i = 0; i < 400; i++) {
      training[i] = (i % 4) + 0.5;
      shifted[i] = Math.min(3.5, (i % 4) + 1.5);
    }
    Drift drift = Drift.of(histogram(training), histogram(shifted));
    assertThat(drift.ks, closeTo(0.25, 1e-12));
    assertThat(drift.pValue, lessThan(1e-4));
    assertThat(drift.psi, greaterThan(1.0));
  }

  @Test
  public void ksPValueFollowsTheKolmogorovDistribution() {
    // lambda = (sqrt(50) + 0.12 + 0.11 / sqrt(50)) * 0.2 = 1.4413; Q(lambda) = 2 sum (-1)^(j-1) exp(-2 j^2 lambda^2)
    double lambda = (Math.sqrt(50) + 0.12 + 0.11 / Math.sqrt(50)) * 0.2;
    double expected = 2 * (Math.exp(-2 * lambda * lambda) - Math.exp(-8 * lambda * lambda) + Math.exp(-18 * lambda * lambda));
    assertThat(Drift.ksPValue(0.2, 100, 100), closeTo(expected, 1e-9));
    assertThat(Drift.ksPValue(0.2, 100, 100), closeTo(0.0315, 1e-3));
  }

  @Test
  public void chiSquaredIsTheTestOfHomogeneityOnBothSamples() {
    // the 2 x 2 table [[10, 20], [20, 10]]: statistic 6.667 with 1 degree of freedom, p = 0.00982
    Drift drift = Drift.of(Map.of("a", 10L, "b", 20L), Map.of("a", 20L, "b", 10L));
    assertThat(drift.pValue, closeTo(0.00982, 1e-5));
    assertThat(drift.ks == null, equalTo(true));
    // PSI by hand: (2/3 - 1/3) ln 2 + (1/3 - 2/3) ln(1/2) = (2/3) ln 2
    assertThat(drift.psi, closeTo(2.0 / 3 * Math.log(2), 1e-12));
  }

  @Test
  public void aCategoryNewInTheMonitoredRunCountsAsDrift() {
    Drift drift = Drift.of(Map.of("a", 500L, "b", 500L), Map.of("a", 400L, "b", 400L, "c", 200L));
    assertThat(drift.pValue, lessThan(1e-6));
    assertThat(drift.psi, greaterThan(0.25));
  }
}
