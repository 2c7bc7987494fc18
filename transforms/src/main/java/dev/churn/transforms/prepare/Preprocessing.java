package dev.churn.transforms.prepare;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.values.Row;

/**
 * The fitted preparation of customer rows into model inputs: numeric columns are imputed with their
 * training mean and standardised; categorical columns are imputed with their training mode and one-hot
 * encoded over the training vocabulary (a value unseen in training encodes as all zeros). The training
 * means and modes are also the baseline that reasons are measured against.
 */
public final class Preprocessing implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Statistics of one numeric column over the training rows. */
  public static final class Numeric implements Serializable {
    private static final long serialVersionUID = 1L;
    @JsonProperty public String name;
    @JsonProperty public String unit;
    @JsonProperty public double mean;
    @JsonProperty public double std;
    @JsonProperty public long missing;

    @Override
    public boolean equals(Object o) {
      return o instanceof Numeric
          && Objects.equals(name, ((Numeric) o).name)
          && Objects.equals(unit, ((Numeric) o).unit)
          && mean == ((Numeric) o).mean
          && std == ((Numeric) o).std
          && missing == ((Numeric) o).missing;
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, mean, std);
    }

    double encode(Double value) {
      double x = value == null ? mean : value;
      return std > 0 ? (x - mean) / std : x - mean;
    }
  }

  /** The vocabulary of one categorical column, most frequent first. */
  public static final class Categorical implements Serializable {
    private static final long serialVersionUID = 1L;
    @JsonProperty public String name;
    @JsonProperty public List<String> values = new ArrayList<>();
    @JsonProperty public long missing;

    @Override
    public boolean equals(Object o) {
      return o instanceof Categorical
          && Objects.equals(name, ((Categorical) o).name)
          && values.equals(((Categorical) o).values)
          && missing == ((Categorical) o).missing;
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, values);
    }

    String mode() {
      return values.isEmpty() ? null : values.get(0);
    }
  }

  @JsonProperty public long rows;
  @JsonProperty public List<Numeric> numeric = new ArrayList<>();
  @JsonProperty public List<Categorical> categorical = new ArrayList<>();

  // Beam compares elements by equals (mutation checks, side inputs on some runners)
  @Override
  public boolean equals(Object o) {
    return o instanceof Preprocessing
        && rows == ((Preprocessing) o).rows
        && numeric.equals(((Preprocessing) o).numeric)
        && categorical.equals(((Preprocessing) o).categorical);
  }

  @Override
  public int hashCode() {
    return Objects.hash(rows, numeric, categorical);
  }

  /** Names of the model inputs, in order: numeric columns, then {@code column=value} indicators. */
  public List<String> featureNames() {
    List<String> names = new ArrayList<>();
    numeric.forEach(n -> names.add(n.name));
    categorical.forEach(c -> c.values.forEach(v -> names.add(c.name + "=" + v)));
    return names;
  }

  public int featureCount() {
    return numeric.size() + categorical.stream().mapToInt(c -> c.values.size()).sum();
  }

  /** The input columns a reason can name, in order: numeric, then categorical. */
  public List<String> inputColumns() {
    List<String> columns = new ArrayList<>();
    numeric.forEach(n -> columns.add(n.name));
    categorical.forEach(c -> columns.add(c.name));
    return columns;
  }

  /** The model inputs of a customer row. */
  public double[] encode(Row row) {
    return encode(row, null);
  }

  /**
   * The model inputs of a customer row with one input column set to its training baseline (mean or
   * mode); {@code baselineColumn} null changes nothing.
   */
  public double[] encode(Row row, String baselineColumn) {
    double[] features = new double[featureCount()];
    int i = 0;
    for (Numeric n : numeric) {
      features[i++] = n.encode(n.name.equals(baselineColumn) ? null : row.getDouble(n.name));
    }
    for (Categorical c : categorical) {
      String value = c.name.equals(baselineColumn) ? null : row.getString(c.name);
      int hot = c.values.indexOf(value == null ? c.mode() : value);
      if (hot >= 0) {
        features[i + hot] = 1.0;
      }
      i += c.values.size();
    }
    return features;
  }

  /**
   * A readable statement of a customer's value in one input column, as a reason:
   * {@code Contract = Month-to-month}, {@code tenure = 2 months (low)}.
   */
  public String describe(Row row, String column) {
    for (Numeric n : numeric) {
      if (n.name.equals(column)) {
        Double value = row.getDouble(column);
        if (value == null) {
          return column + " missing";
        }
        String unit = n.unit == null ? "" : " " + n.unit;
        String level = value < n.mean ? "low" : "high";
        return column + " = " + formatNumber(value) + unit + " (" + level + ")";
      }
    }
    String value = row.getString(column);
    return column + " = " + (value == null ? "missing" : value);
  }

  private static String formatNumber(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : String.format(java.util.Locale.ROOT, "%.2f", value);
  }
}
