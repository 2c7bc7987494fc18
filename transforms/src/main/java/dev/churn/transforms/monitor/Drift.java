package dev.churn.transforms.monitor;

import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.special.Erf;

/**
 * How far a monitored distribution moved from the training one, bin by bin: the population stability
 * index, and a test of "same distribution" with its p-value (two-sample Kolmogorov–Smirnov for numeric
 * inputs, evaluated at the training bin edges; chi-squared test of homogeneity for categorical ones).
 * Empty bins count as {@value #EMPTY_SHARE} so the logarithms stay finite.
 */
public final class Drift {
  static final double EMPTY_SHARE = 1e-4;

  /** Population stability index: sum over bins of (actual - expected) * ln(actual / expected). */
  public final double psi;
  /** Kolmogorov–Smirnov statistic (numeric) or null (categorical). */
  public final Double ks;
  /** P-value of the test that both samples come from the same distribution. */
  public final double pValue;

  private Drift(double psi, Double ks, double pValue) {
    this.psi = psi;
    this.ks = ks;
    this.pValue = pValue;
  }

  /** Drift of a numeric input: both histograms have the same edges; missing values are left out. */
  public static Drift of(Histogram training, Histogram current) {
    long n = training.present();
    long m = current.present();
    if (n == 0 || m == 0) {
      return new Drift(0, 0.0, 1);
    }
    double cumulativeTraining = 0;
    double cumulativeCurrent = 0;
    double d = 0;
    for (int i = 0; i < training.counts.length; i++) {
      cumulativeTraining += training.counts[i];
      cumulativeCurrent += current.counts[i];
      d = Math.max(d, Math.abs(cumulativeTraining / n - cumulativeCurrent / m));
    }
    return new Drift(psi(training.counts, current.counts), d, ksPValue(d, n, m));
  }

  /** Drift of a categorical input (blank counts as its own value). */
  public static Drift of(Map<String, Long> training, Map<String, Long> current) {
    TreeSet<String> values = new TreeSet<>(training.keySet());
    values.addAll(current.keySet());
    long[] expected = new long[values.size()];
    long[] actual = new long[values.size()];
    int i = 0;
    for (String value : values) {
      expected[i] = training.getOrDefault(value, 0L);
      actual[i++] = current.getOrDefault(value, 0L);
    }
    return new Drift(psi(expected, actual), null, chiSquaredPValue(expected, actual));
  }

  /**
   * Two-sided p-value of the z-test that two shares (say, churn rates of a segment in training and now)
   * are equal: {@code positives} of {@code rows} in each sample.
   */
  public static double shareChangePValue(long trainingPositives, long trainingRows, long positives, long rows) {
    if (trainingRows == 0 || rows == 0) {
      return 1;
    }
    double pooled = (double) (trainingPositives + positives) / (trainingRows + rows);
    double spread = Math.sqrt(pooled * (1 - pooled) * (1.0 / trainingRows + 1.0 / rows));
    if (spread == 0) {
      return 1;
    }
    double z = ((double) positives / rows - (double) trainingPositives / trainingRows) / spread;
    return Erf.erfc(Math.abs(z) / Math.sqrt(2));
  }

  static double psi(long[] expected, long[] actual) {
    double[] e = shares(expected);
    double[] a = shares(actual);
    double psi = 0;
    for (int i = 0; i < e.length; i++) {
      psi += (a[i] - e[i]) * Math.log(a[i] / e[i]);
    }
    return psi;
  }

  /** Shares of the counts, empty bins at {@value #EMPTY_SHARE}. */
  private static double[] shares(long[] counts) {
    double[] shares = Histogram.shares(counts);
    for (int i = 0; i < shares.length; i++) {
      shares[i] = Math.max(EMPTY_SHARE, shares[i]);
    }
    return shares;
  }

  /**
   * Asymptotic p-value of the two-sample Kolmogorov–Smirnov statistic {@code d} for samples of sizes
   * {@code n} and {@code m} (Numerical Recipes, 14.3).
   */
  static double ksPValue(double d, long n, long m) {
    double effective = Math.sqrt((double) n * m / (n + m));
    double lambda = (effective + 0.12 + 0.11 / effective) * d;
    if (lambda < 1e-3) {
      return 1;
    }
    double sum = 0;
    double sign = 1;
    for (int j = 1; j <= 100; j++) {
      double term = sign * Math.exp(-2 * j * j * lambda * lambda);
      sum += term;
      if (Math.abs(term) < 1e-12) {
        break;
      }
      sign = -sign;
    }
    return Math.max(0, Math.min(1, 2 * sum));
  }

  /**
   * P-value of Pearson's chi-squared test of homogeneity on the 2 x k table of both samples' counts
   * (values seen in neither sample left out).
   */
  static double chiSquaredPValue(long[] expected, long[] actual) {
    double n = 0;
    double m = 0;
    int columns = 0;
    for (int i = 0; i < expected.length; i++) {
      n += expected[i];
      m += actual[i];
      columns += expected[i] + actual[i] > 0 ? 1 : 0;
    }
    if (n == 0 || m == 0 || columns < 2) {
      return 1;
    }
    double statistic = 0;
    for (int i = 0; i < expected.length; i++) {
      double column = expected[i] + actual[i];
      if (column == 0) {
        continue;
      }
      double wantedTraining = column * n / (n + m);
      double wantedCurrent = column * m / (n + m);
      statistic += square(expected[i] - wantedTraining) / wantedTraining + square(actual[i] - wantedCurrent) / wantedCurrent;
    }
    return 1 - new ChiSquaredDistribution(null, columns - 1).cumulativeProbability(statistic);
  }

  private static double square(double x) {
    return x * x;
  }
}
