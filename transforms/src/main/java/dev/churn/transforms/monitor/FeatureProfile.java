package dev.churn.transforms.monitor;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The distribution of every model input over a set of customers: a {@link Histogram} per numeric input
 * and value counts per categorical input. Kept with a model version for its training data, and computed
 * again for each monitored run with the training edges, so the two compare bin by bin.
 */
public final class FeatureProfile implements Serializable {
  private static final long serialVersionUID = 1L;

  @JsonProperty public long rows;
  @JsonProperty public Map<String, Histogram> numeric = new TreeMap<>();
  /** Per categorical input, rows per value; blank values count under {@link #MISSING}. */
  @JsonProperty public Map<String, Map<String, Long>> categorical = new TreeMap<>();

  /** The key of blank categorical values. */
  public static final String MISSING = "";

  /** The same bins and categories with no counts: what a monitored run is counted into. */
  public FeatureProfile emptyCopy() {
    FeatureProfile copy = new FeatureProfile();
    numeric.forEach((name, histogram) -> copy.numeric.put(name, histogram.emptyCopy()));
    categorical.keySet().forEach(name -> copy.categorical.put(name, new TreeMap<>()));
    return copy;
  }

  /** Adds another profile of the same inputs. */
  public void merge(FeatureProfile other) {
    rows += other.rows;
    other.numeric.forEach((name, histogram) -> numeric.get(name).merge(histogram));
    other.categorical.forEach(
        (name, counts) -> counts.forEach((value, count) -> categorical.get(name).merge(value, count, Long::sum)));
  }

  /** Blank values of a categorical input. */
  public long missing(String categoricalInput) {
    return categorical.get(categoricalInput).getOrDefault(MISSING, 0L);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FeatureProfile)) {
      return false;
    }
    FeatureProfile other = (FeatureProfile) o;
    return rows == other.rows && numeric.equals(other.numeric) && categorical.equals(other.categorical);
  }

  @Override
  public int hashCode() {
    return Objects.hash(rows, numeric, categorical);
  }
}
