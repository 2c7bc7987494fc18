package dev.churn.transforms.monitor;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Counts of one numeric input in bins between fixed edges, plus its missing values and the values
 * outside a reference range. Bin {@code 0} holds values up to {@code edges[0]}, bin {@code i} values in
 * {@code (edges[i-1], edges[i]]}, the last bin values above the last edge. The edges come from the
 * training data's quantiles, so the same edges count the training data and every monitored run, and two
 * histograms with the same edges merge by adding their counts.
 */
public final class Histogram implements Serializable {
  private static final long serialVersionUID = 1L;

  @JsonProperty public double[] edges = new double[0];
  @JsonProperty public long[] counts = new long[1];
  @JsonProperty public long missing;
  /** The training range; values outside it are counted in {@link #below} and {@link #above}. */
  @JsonProperty public double low = Double.NEGATIVE_INFINITY;
  @JsonProperty public double high = Double.POSITIVE_INFINITY;
  @JsonProperty public long below;
  @JsonProperty public long above;

  /**
   * Empty bins from sorted quantiles of the reference data, smallest first: the first and last are its
   * range, the ones between (without repeats) are the edges.
   */
  public static Histogram fromQuantiles(List<Double> quantiles) {
    Histogram histogram = new Histogram();
    if (quantiles.isEmpty()) {
      return histogram;
    }
    histogram.low = quantiles.get(0);
    histogram.high = quantiles.get(quantiles.size() - 1);
    histogram.edges = quantiles.subList(1, quantiles.size() - 1).stream().mapToDouble(Double::doubleValue).distinct().sorted().toArray();
    histogram.counts = new long[histogram.edges.length + 1];
    return histogram;
  }

  /** Empty bins from the exact quantiles of {@code values} at {@code bins} equal steps. */
  public static Histogram ofQuantiles(double[] values, int bins) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    if (sorted.length == 0) {
      return new Histogram();
    }
    Double[] quantiles = new Double[bins + 1];
    for (int q = 0; q <= bins; q++) {
      quantiles[q] = sorted[(int) Math.min(sorted.length - 1, Math.round((double) q * (sorted.length - 1) / bins))];
    }
    return fromQuantiles(Arrays.asList(quantiles));
  }

  /** The same edges and range with no counts. */
  public Histogram emptyCopy() {
    Histogram copy = new Histogram();
    copy.edges = edges.clone();
    copy.counts = new long[counts.length];
    copy.low = low;
    copy.high = high;
    return copy;
  }

  /** Counts one value; null is missing. */
  public void add(Double value) {
    if (value == null || value.isNaN()) {
      missing++;
      return;
    }
    double x = value;
    int position = Arrays.binarySearch(edges, x);
    counts[position >= 0 ? position : -position - 1]++;
    below += x < low ? 1 : 0;
    above += x > high ? 1 : 0;
  }

  /** Adds another histogram with the same edges. */
  public void merge(Histogram other) {
    if (!Arrays.equals(edges, other.edges)) {
      throw new IllegalArgumentException("histograms with different edges cannot merge");
    }
    for (int i = 0; i < counts.length; i++) {
      counts[i] += other.counts[i];
    }
    missing += other.missing;
    below += other.below;
    above += other.above;
  }

  /** Values present (not missing). */
  public long present() {
    return Arrays.stream(counts).sum();
  }

  /** Each count as a share of their sum (all 0 when the sum is). */
  public static double[] shares(long[] counts) {
    double total = 0;
    for (long c : counts) {
      total += c;
    }
    double[] shares = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      shares[i] = total == 0 ? 0 : counts[i] / total;
    }
    return shares;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Histogram)) {
      return false;
    }
    Histogram other = (Histogram) o;
    return Arrays.equals(edges, other.edges)
        && Arrays.equals(counts, other.counts)
        && missing == other.missing
        && Double.compare(low, other.low) == 0
        && Double.compare(high, other.high) == 0
        && below == other.below
        && above == other.above;
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(counts), missing);
  }
}
