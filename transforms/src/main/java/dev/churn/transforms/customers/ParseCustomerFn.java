package dev.churn.transforms.customers;

import dev.churn.transforms.io.BadRecordException;
import dev.churn.transforms.io.CsvLine;
import dev.churn.transforms.io.SourceLine;
import dev.churn.transforms.io.Text;
import dev.churn.transforms.schema.DatasetSchema;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Parses one CSV line into a customer {@link Row} keyed by the shard of its id, or sends it to the dead-letter output
 * with the reason: wrong field count, missing id, a number that does not parse or is out of range, a
 * category the schema does not list, a bad label. Blank numeric and categorical cells are missing
 * values (imputed later), not errors.
 */
public final class ParseCustomerFn extends DoFn<SourceLine, KV<Integer, KV<SourceLine, Row>>> {
  public static final TupleTag<KV<Integer, KV<SourceLine, Row>>> PARSED = new TupleTag<>() {};
  public static final TupleTag<DeadLetter> REJECTED = new TupleTag<>() {};

  private final DatasetSchema schema;
  private final CsvHeader header;
  private final boolean withLabel;
  private final Schema rowSchema;

  /** @param withLabel parse and require the label column (training, evaluation) */
  public ParseCustomerFn(DatasetSchema schema, CsvHeader header, boolean withLabel) {
    this.schema = schema;
    this.header = header;
    this.withLabel = withLabel;
    this.rowSchema = schema.rowSchema();
  }

  @ProcessElement
  public void process(@Element SourceLine line, MultiOutputReceiver out) {
    try {
      Row row = parse(line.requireReadable().text());
      String id = row.getString(DatasetSchema.ID_FIELD);
      out.get(PARSED).output(KV.of(KeepFirstPerCustomerFn.shardOf(id), KV.of(line, row)));
    } catch (BadRecordException e) {
      out.get(REJECTED).output(DeadLetter.of(line, e.getMessage()));
    }
  }

  /** One CSV line as a customer row; throws {@link BadRecordException} naming what is wrong. */
  public Row parse(String text) {
    List<String> fields;
    try {
      fields = CsvLine.split(text);
    } catch (IllegalArgumentException e) {
      throw new BadRecordException(e.getMessage());
    }
    if (fields.size() != header.size()) {
      throw new BadRecordException(
          "expected " + header.size() + " fields, found " + fields.size());
    }
    Row.Builder row = Row.withSchema(rowSchema);
    String id = field(fields, schema.id);
    if (id.isEmpty()) {
      throw new BadRecordException("missing customer id (column " + schema.id + ")");
    }
    if (id.length() > DatasetSchema.MAX_ID_LENGTH) {
      throw new BadRecordException(
          "customer id (column " + schema.id + ") has " + id.length() + " characters; at most " + DatasetSchema.MAX_ID_LENGTH + " are allowed");
    }
    row.addValue(id);
    for (DatasetSchema.NumericColumn column : schema.numeric) {
      row.addValue(parseNumber(column, field(fields, column.name)));
    }
    for (DatasetSchema.CategoricalColumn column : schema.categorical) {
      row.addValue(parseCategory(column, field(fields, column.name)));
    }
    row.addValue(withLabel ? parseLabel(field(fields, schema.label.column)) : null);
    return row.build();
  }

  private String field(List<String> fields, String column) {
    return fields.get(header.indexOf(column)).trim();
  }

  private static Double parseNumber(DatasetSchema.NumericColumn column, String text) {
    if (text.isEmpty()) {
      return null;
    }
    double value;
    try {
      value = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new BadRecordException("column " + column.name + ": '" + Text.abbreviate(text, 64) + "' is not a number");
    }
    if (!Double.isFinite(value)) {
      throw new BadRecordException("column " + column.name + ": '" + text + "' is not a finite number");
    }
    if (column.min != null && value < column.min) {
      throw new BadRecordException(
          "column " + column.name + ": " + text + " is below the minimum " + column.min);
    }
    if (column.max != null && value > column.max) {
      throw new BadRecordException(
          "column " + column.name + ": " + text + " is above the maximum " + column.max);
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
        "label column "
            + schema.label.column
            + ": '"
            + text
            + "' is neither '"
            + schema.label.positive
            + "' nor '"
            + schema.label.negative
            + "'");
  }
}
