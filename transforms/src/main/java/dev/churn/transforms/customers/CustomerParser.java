package dev.churn.transforms.customers;

import dev.churn.transforms.io.BadRecordException;
import dev.churn.transforms.io.Text;
import dev.churn.transforms.schema.DatasetSchema;
import java.io.Serializable;
import java.util.function.Function;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * One customer's fields, by column name, as a customer {@link Row} ({@link DatasetSchema#rowSchema()}),
 * or a {@link BadRecordException} naming what is wrong: missing or too long id, a number that does not
 * parse or is out of range, a category the schema does not list, a bad label. Blank numeric and
 * categorical values are missing values (imputed later), not errors. CSV lines and the endpoint's JSON
 * customers both go through it, so both accept and refuse the same values.
 */
public final class CustomerParser implements Serializable {
  private static final long serialVersionUID = 1L;

  private final DatasetSchema schema;
  private final boolean withLabel;
  private final Schema rowSchema;

  /** @param withLabel parse and require the label column (training, evaluation) */
  public CustomerParser(DatasetSchema schema, boolean withLabel) {
    this.schema = schema;
    this.withLabel = withLabel;
    this.rowSchema = schema.rowSchema();
  }

  /** @param field a column's value, trimmed; empty when missing */
  public Row parse(Function<String, String> field) {
    Row.Builder row = Row.withSchema(rowSchema);
    String id = field.apply(schema.id);
    if (id.isEmpty()) {
      throw new BadRecordException("missing customer id (column " + schema.id + ")");
    }
    if (id.length() > DatasetSchema.MAX_ID_LENGTH) {
      throw new BadRecordException(
          "customer id (column " + schema.id + ") has " + id.length() + " characters; at most " + DatasetSchema.MAX_ID_LENGTH + " are allowed");
    }
    row.addValue(id);
    for (DatasetSchema.NumericColumn column : schema.numeric) {
      row.addValue(parseNumber(column.name, field.apply(column.name), column.min, column.max));
    }
    for (DatasetSchema.CategoricalColumn column : schema.categorical) {
      row.addValue(parseCategory(column, field.apply(column.name)));
    }
    row.addValue(withLabel ? parseLabel(field.apply(schema.label.column)) : null);
    return row.build();
  }

  /** A number of column {@code column} within [min, max] (null: unbounded), or null when blank. */
  public static Double parseNumber(String column, String text, Double min, Double max) {
    if (text.isEmpty()) {
      return null;
    }
    double value;
    try {
      value = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new BadRecordException("column " + column + ": '" + Text.abbreviate(text, 64) + "' is not a number");
    }
    if (!Double.isFinite(value)) {
      throw new BadRecordException("column " + column + ": '" + Text.abbreviate(text, 64) + "' is not a finite number");
    }
    if (min != null && value < min) {
      throw new BadRecordException("column " + column + ": " + text + " is below the minimum " + min);
    }
    if (max != null && value > max) {
      throw new BadRecordException("column " + column + ": " + text + " is above the maximum " + max);
    }
    return value;
  }

  private String parseCategory(DatasetSchema.CategoricalColumn column, String text) {
    if (text.isEmpty()) {
      if (column.name.equals(schema.segment)) {
        throw new BadRecordException("missing segment value (column " + column.name + ")");
      }
      return null;
    }
    if (!column.values.isEmpty() && !column.values.contains(text)) {
      throw new BadRecordException(
          "column " + column.name + ": '" + Text.abbreviate(text, 64) + "' is not one of " + column.values);
    }
    if (text.length() > DatasetSchema.MAX_VALUE_LENGTH) {
      throw new BadRecordException(
          "column " + column.name + ": the value has " + text.length() + " characters; at most " + DatasetSchema.MAX_VALUE_LENGTH + " are allowed");
    }
    return text;
  }

  private boolean parseLabel(String text) {
    if (text.equals(schema.label.positive)) {
      return true;
    }
    if (text.equals(schema.label.negative)) {
      return false;
    }
    throw new BadRecordException(
        "label column " + schema.label.column + ": '" + Text.abbreviate(text, 64) + "' is neither '" + schema.label.positive
            + "' nor '" + schema.label.negative + "'");
  }
}
