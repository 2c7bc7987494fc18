package dev.churn.models.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;

/**
 * Platt scaling: {@code p' = sigmoid(a * logit(p) + b)}, fitted by maximum likelihood on out-of-fold
 * predictions (with Platt's smoothed targets, so a perfectly separated fold cannot push {@code a} to
 * infinity). Identity is {@code a = 1, b = 0}.
 */
public final class PlattScaling implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final PlattScaling IDENTITY = new PlattScaling(1, 0);

  @JsonProperty public final double a;
  @JsonProperty public final double b;

  public PlattScaling(@JsonProperty("a") double a, @JsonProperty("b") double b) {
    this.a = a;
    this.b = b;
  }

  public double apply(double probability) {
    return sigmoid(a * logit(probability) + b);
  }

  public double[] apply(double[] probabilities) {
    double[] calibrated = new double[probabilities.length];
    for (int i = 0; i < probabilities.length; i++) {
      calibrated[i] = apply(probabilities[i]);
    }
    return calibrated;
  }

  /** Fits {@code a} and {@code b} by Newton's method on the log loss. */
  public static PlattScaling fit(double[] labels, double[] probabilities) {
    long positives = 0;
    for (double y : labels) {
      positives += y > 0.5 ? 1 : 0;
    }
    long negatives = labels.length - positives;
    double high = (positives + 1.0) / (positives + 2.0);
    double low = 1.0 / (negatives + 2.0);
    double[] z = new double[labels.length];
    double[] t = new double[labels.length];
    for (int i = 0; i < labels.length; i++) {
      z[i] = logit(probabilities[i]);
      t[i] = labels[i] > 0.5 ? high : low;
    }
    double a = 1;
    double b = 0;
    for (int iteration = 0; iteration < 100; iteration++) {
      double ga = 0, gb = 0, haa = 1e-9, hab = 0, hbb = 1e-9;
      for (int i = 0; i < z.length; i++) {
        double p = sigmoid(a * z[i] + b);
        double r = p - t[i];
        double w = p * (1 - p);
        ga += r * z[i];
        gb += r;
        haa += w * z[i] * z[i];
        hab += w * z[i];
        hbb += w;
      }
      double det = haa * hbb - hab * hab;
      double da = (hbb * ga - hab * gb) / det;
      double db = (haa * gb - hab * ga) / det;
      a -= da;
      b -= db;
      if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10) {
        break;
      }
    }
    return new PlattScaling(a, b);
  }

  /** Log-odds of a probability, clamped away from 0 and 1. */
  public static double logit(double p) {
    double q = Math.min(Math.max(p, 1e-15), 1 - 1e-15);
    return Math.log(q / (1 - q));
  }

  static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PlattScaling && a == ((PlattScaling) o).a && b == ((PlattScaling) o).b;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(a) * 31 + Double.hashCode(b);
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "sigmoid(%.4f * logit(p) + %.4f)", a, b);
  }
}
