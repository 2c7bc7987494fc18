package dev.churn.transforms.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.util.SerializableUtils;
import org.apache.beam.sdk.values.Row;

/**
 * A dataset schema file (YAML or JSON): the id column, the label (absent at scoring time), the segment
 * column, numeric and categorical inputs and the sensitive attributes used by fairness checks.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public final class DatasetSchema implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The label column and how its text maps to churned / stayed. */
  public static final class Label implements Serializable {
    private static final long serialVersionUID = 1L;
    @JsonProperty public String column;
    @JsonProperty public String positive = "Yes";
    @JsonProperty public String negative = "No";
  }

  /** A numeric input; blank cells are missing values. */
  public static final class NumericColumn implements Serializable {
    private static final long serialVersionUID = 1L;
    @JsonProperty public String name;
    @JsonProperty public String unit;
    @JsonProperty public Double min;
    @JsonProperty public Double max;
    /**
     * Also give the model {@code log(1 + x)}: for skewed amounts and durations, whose effect on churn
     * flattens as they grow. Needs {@code min} of 0 or more.
     */
    @JsonProperty public boolean log;
  }

  /** A categorical input; when {@code values} is given, any other value is rejected. */
  public static final class CategoricalColumn implements Serializable {
    private static final long serialVersionUID = 1L;
    @JsonProperty public String name;
    @JsonProperty public List<String> values = new ArrayList<>();
  }

  @JsonProperty public String name = "dataset";
  @JsonProperty public String id;
  @JsonProperty public Label label;
  @JsonProperty public String segment;

  @JsonProperty("snapshot_time")
  public String snapshotTime;

  @JsonProperty public List<NumericColumn> numeric = new ArrayList<>();
  @JsonProperty public List<CategoricalColumn> categorical = new ArrayList<>();
  @JsonProperty public List<String> sensitive = new ArrayList<>();

  /** Event features (interactions, telemetry) and their windows; null or none enabled for none. */
  @JsonProperty public FeatureSpec features;

  /**
   * The longest customer id, category value (segments too) and column name accepted: what every sink
   * can hold (the score table's columns are sized from these), so no record passes validation that a
   * sink would then refuse. A reason ({@code column = value}) stays within 512 characters.
   */
  public static final int MAX_ID_LENGTH = 128;

  public static final int MAX_VALUE_LENGTH = 256;
  public static final int MAX_COLUMN_NAME_LENGTH = 128;

  /** Field names of the parsed rows. */
  public static final String ID_FIELD = "customer_id";

  public static final String LABEL_FIELD = "churned";

  /** Columns every file must have; the label column is added when {@code withLabel}. */
  public List<String> requiredColumns(boolean withLabel) {
    List<String> columns = new ArrayList<>();
    columns.add(id);
    numeric.forEach(c -> columns.add(c.name));
    categorical.forEach(c -> columns.add(c.name));
    if (snapshotTime != null) {
      columns.add(snapshotTime);
    }
    if (withLabel) {
      columns.add(label.column);
    }
    return columns;
  }

  public boolean hasFeatures() {
    return features != null && features.any();
  }

  /** The numeric model inputs: the file's numeric columns, then the event features. */
  public List<NumericColumn> numericInputs() {
    List<NumericColumn> inputs = new ArrayList<>(numeric);
    if (hasFeatures()) {
      inputs.addAll(features.columns());
    }
    return inputs;
  }

  /** The names of the event feature columns (empty without features). */
  public Set<String> featureNames() {
    Set<String> names = new TreeSet<>();
    if (hasFeatures()) {
      features.columns().forEach(c -> names.add(c.name));
    }
    return names;
  }

  /** A copy of this schema with the given event features (null for none). */
  public DatasetSchema withFeatures(FeatureSpec spec) {
    DatasetSchema copy = SerializableUtils.clone(this);
    copy.features = spec;
    return copy;
  }

  public boolean hasSegment() {
    return segment != null && !segment.isEmpty();
  }

  /**
   * The Beam schema of a parsed customer: the id, each input under its own name (numeric inputs as
   * nullable doubles, categorical as nullable strings), the label as a nullable boolean.
   */
  public Schema rowSchema() {
    Schema.Builder builder = Schema.builder().addStringField(ID_FIELD);
    numeric.forEach(c -> builder.addNullableField(c.name, FieldType.DOUBLE));
    categorical.forEach(c -> builder.addNullableField(c.name, FieldType.STRING));
    builder.addNullableField(LABEL_FIELD, FieldType.BOOLEAN);
    return builder.build();
  }

  /** The schema of a customer with its event features: {@link #rowSchema()} then one nullable double per feature. */
  public Schema featureRowSchema() {
    Schema.Builder builder = Schema.builder().addFields(rowSchema().getFields());
    if (hasFeatures()) {
      features.columns().forEach(c -> builder.addNullableField(c.name, FieldType.DOUBLE));
    }
    return builder.build();
  }

  /** The group of a blank sensitive attribute in fairness metrics. */
  public static final String MISSING_GROUP = "missing";

  /** A customer's group of a sensitive attribute: its value, or {@link #MISSING_GROUP} when blank. */
  public static String groupOf(Row row, String attribute) {
    String value = row.getString(attribute);
    return value == null ? MISSING_GROUP : value;
  }

  /** Categorical columns the model sees: all but the sensitive attributes, kept for fairness checks only. */
  public List<CategoricalColumn> categoricalInputs() {
    List<CategoricalColumn> inputs = new ArrayList<>(categorical);
    inputs.removeIf(c -> sensitive.contains(c.name));
    return inputs;
  }

  public CategoricalColumn categorical(String column) {
    return categorical.stream().filter(c -> c.name.equals(column)).findFirst().orElse(null);
  }

  /** Checks the schema's own consistency; throws with the first problem found. */
  public DatasetSchema validate(String source) {
    List<String> problems = new ArrayList<>();
    if (id == null || id.isBlank()) {
      problems.add("'id' is missing");
    }
    if (label == null || label.column == null) {
      problems.add("'label.column' is missing");
    } else if (label.positive == null || label.negative == null || label.positive.isBlank() || label.negative.isBlank()) {
      problems.add("'label.positive' and 'label.negative' must both be given");
    } else if (label.positive.trim().equals(label.negative.trim())) {
      problems.add("'label.positive' and 'label.negative' are both '" + label.positive + "': a label must tell churned from stayed");
    }
    if (numeric.isEmpty() && categorical.isEmpty()) {
      problems.add("no numeric or categorical columns");
    }
    Set<String> seen = new HashSet<>();
    for (String column : requiredColumns(label != null && label.column != null)) {
      if (column == null || column.isBlank()) {
        problems.add("a column without a name");
      } else if (!seen.add(column)) {
        problems.add("column '" + column + "' is listed twice");
      } else if (column.length() > MAX_COLUMN_NAME_LENGTH) {
        problems.add("column '" + column.substring(0, 32) + "...' has a name longer than " + MAX_COLUMN_NAME_LENGTH + " characters");
      }
    }
    for (CategoricalColumn c : categorical) {
      for (String value : c.values) {
        if (value == null || value.length() > MAX_VALUE_LENGTH) {
          problems.add("categorical '" + c.name + "' lists a value that is blank or longer than " + MAX_VALUE_LENGTH + " characters");
          break;
        }
      }
    }
    if (hasSegment() && categorical(segment) == null) {
      problems.add("segment '" + segment + "' is not one of the categorical columns");
    }
    for (NumericColumn c : numeric) {
      if (c.log && (c.min == null || c.min < 0)) {
        problems.add("numeric '" + c.name + "' has 'log: true' but no 'min' of 0 or more");
      }
    }
    if (features != null) {
      problems.addAll(features.problems());
      for (NumericColumn c : features.columns()) {
        if (seen.contains(c.name)) {
          problems.add("feature '" + c.name + "' has the name of a column");
        }
      }
    }
    for (String attribute : sensitive) {
      if (categorical(attribute) == null) {
        problems.add("sensitive attribute '" + attribute + "' is not one of the categorical columns");
      }
    }
    if (!problems.isEmpty()) {
      throw new dev.churn.transforms.InvalidInputException(
          "dataset schema " + source + ": " + String.join("; ", problems));
    }
    return this;
  }
}
