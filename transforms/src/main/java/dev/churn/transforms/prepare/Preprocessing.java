package dev.churn.transforms.prepare;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.churn.transforms.io.Text;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.values.Row;

/**
 * The fitted preparation of customer rows into model inputs: numeric columns are imputed with their
 * training mean and standardised (with {@code log(1 + x)}, standardised, beside them when the schema
 * asks); categorical columns are imputed with their training mode and one-hot encoded over the training
 * vocabulary (a value unseen in training encodes as all zeros). The training means of the model inputs
 * are the baseline that reasons are measured against.
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
    /** Present when the model also sees {@code log(1 + x)}. */
    @JsonProperty public LogInput log;

    @Override
    public boolean equals(Object o) {
      return o instanceof Numeric
          && Objects.equals(name, ((Numeric) o).name)
          && Objects.equals(unit, ((Numeric) o).unit)
          && mean == ((Numeric) o).mean
          && std == ((Numeric) o).std
          && missing == ((Numeric) o).missing
          && Objects.equals(log, ((Numeric) o).log);
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, mean, std);
    }

    int width() {
      return log == null ? 1 : 2;
    }

    /** Writes the column's model inputs at {@code at}; a missing value is imputed with the mean. */
    void encode(Double value, double[] features, int at) {
      double x = value == null ? mean : value;
      features[at] = standardise(x, mean, std);
      if (log != null) {
        features[at + 1] = standardise(Math.log1p(Math.max(x, 0)), log.mean, log.std);
      }
    }

    private static double standardise(double x, double mean, double std) {
      return std > 0 ? (x - mean) / std : x - mean;
    }
  }

  /** Training mean and standard deviation of {@code log(1 + x)} of a numeric column. */
  public static final class LogInput implements Serializable {
    private static final long serialVersionUID = 1L;
    @JsonProperty public double mean;
    @JsonProperty public double std;

    @Override
    public boolean equals(Object o) {
      return o instanceof LogInput && mean == ((LogInput) o).mean && std == ((LogInput) o).std;
    }

    @Override
    public int hashCode() {
      return Objects.hash(mean, std);
    }
  }

  /** The vocabulary of one categorical column, most frequent first. */
  public static final class Categorical implements Serializable {
    private static final long serialVersionUID = 1L;
    @JsonProperty public String name;
    @JsonProperty public List<String> values = new ArrayList<>();
    /** Training share of each value (absent in versions before 0.2.0). */
    @JsonProperty public List<Double> frequencies;
    @JsonProperty public long missing;

    @Override
    public boolean equals(Object o) {
      return o instanceof Categorical
          && Objects.equals(name, ((Categorical) o).name)
          && values.equals(((Categorical) o).values)
          && Objects.equals(frequencies, ((Categorical) o).frequencies)
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

  /**
   * Names of the model inputs, in order: numeric columns (each followed by {@code log1p(column)} when
   * it has a log input), then {@code column=value} indicators.
   */
  public List<String> featureNames() {
    List<String> names = new ArrayList<>();
    for (Numeric n : numeric) {
      names.add(n.name);
      if (n.log != null) {
        names.add("log1p(" + n.name + ")");
      }
    }
    categorical.forEach(c -> c.values.forEach(v -> names.add(c.name + "=" + v)));
    return names;
  }

  public int featureCount() {
    return numeric.stream().mapToInt(Numeric::width).sum()
        + categorical.stream().mapToInt(c -> c.values.size()).sum();
  }

  /** For each input column of {@link #inputColumns}, the positions of its model inputs. */
  public List<int[]> inputPositions() {
    List<int[]> positions = new ArrayList<>();
    int i = 0;
    for (Numeric n : numeric) {
      positions.add(range(i, n.width()));
      i += n.width();
    }
    for (Categorical c : categorical) {
      positions.add(range(i, c.values.size()));
      i += c.values.size();
    }
    return positions;
  }

  private static int[] range(int from, int count) {
    int[] r = new int[count];
    for (int k = 0; k < count; k++) {
      r[k] = from + k;
    }
    return r;
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
    double[] features = new double[featureCount()];
    int i = 0;
    for (Numeric n : numeric) {
      n.encode(row.getDouble(n.name), features, i);
      i += n.width();
    }
    for (Categorical c : categorical) {
      String value = row.getString(c.name);
      int hot = c.values.indexOf(value == null ? c.mode() : value);
      if (hot >= 0) {
        features[i + hot] = 1.0;
      }
      i += c.values.size();
    }
    return features;
  }

  /**
   * Every input column at its training baseline: the training mean of its model inputs (0 for
   * standardised numbers, each category's share for a one-hot group; the mode where shares were not
   * recorded).
   */
  public double[] baselines() {
    double[] baselines = new double[featureCount()];
    int i = numeric.stream().mapToInt(Numeric::width).sum(); // the standardised means: 0
    for (Categorical c : categorical) {
      if (c.frequencies != null) {
        for (int k = 0; k < c.values.size(); k++) {
          baselines[i + k] = c.frequencies.get(k);
        }
      } else {
        int hot = c.values.indexOf(c.mode());
        if (hot >= 0) {
          baselines[i + hot] = 1.0;
        }
      }
      i += c.values.size();
    }
    return baselines;
  }

  /**
   * The model inputs of a customer row with one input column set to its training baseline
   * ({@link #baselines}); {@code baselineColumn} null changes nothing.
   */
  public double[] encode(Row row, String baselineColumn) {
    double[] features = encode(row);
    int column = inputColumns().indexOf(baselineColumn);
    if (column >= 0) {
      setToBaseline(features, inputPositions().get(column), baselines());
    }
    return features;
  }

  /**
   * The customer's model inputs, then one copy per input column ({@link #inputColumns} order) with that
   * column at its training baseline: {@code encode(row)} followed by {@code encode(row, column)} for
   * each column, the same numbers, from one encoding of the row (the reasons of a score need all of them,
   * and encoding the row once per column was most of scoring's time).
   */
  public double[][] encodeWithBaselines(Row row) {
    double[] customer = encode(row);
    double[] baselines = baselines();
    List<int[]> positions = inputPositions();
    double[][] probes = new double[1 + positions.size()][];
    probes[0] = customer;
    for (int c = 0; c < positions.size(); c++) {
      probes[1 + c] = customer.clone();
      setToBaseline(probes[1 + c], positions.get(c), baselines);
    }
    return probes;
  }

  private static void setToBaseline(double[] features, int[] positions, double[] baselines) {
    for (int p : positions) {
      features[p] = baselines[p];
    }
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
        return column + " = " + Text.number(value) + unit + " (" + level + ")";
      }
    }
    String value = row.getString(column);
    return column + " = " + (value == null ? "missing" : value);
  }
}
