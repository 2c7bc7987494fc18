package dev.churn.pipelines.rows;

import dev.churn.transforms.io.BadRecordException;
import dev.churn.transforms.io.CsvLine;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;

/** The score row every sink writes, and its CSV form. */
public final class ScoreRows {
  public static final String RUN_ID = "run_id";
  public static final String SCORED_AT = "scored_at";
  public static final String CUSTOMER_ID = "customer_id";
  public static final String SEGMENT = "segment";
  public static final String CHURN_PROBABILITY = "churn_probability";
  public static final String RISK_BAND = "risk_band";
  public static final String MODEL_VERSION = "model_version";
  public static final String LABEL = "churned";
  public static final String SENSITIVE = "sensitive";
  /** The longest reason; {@code column = value} of the longest name and value the schema allows fits it. */
  public static final int MAX_REASON_LENGTH = 512;

  public static final Schema SCHEMA =
      Schema.builder()
          .addStringField(RUN_ID)
          .addDateTimeField(SCORED_AT)
          .addStringField(CUSTOMER_ID)
          .addStringField(SEGMENT)
          .addDoubleField(CHURN_PROBABILITY)
          .addStringField(RISK_BAND)
          .addStringField(MODEL_VERSION)
          .addNullableField("reason_1", FieldType.STRING)
          .addNullableField("reason_2", FieldType.STRING)
          .addNullableField("reason_3", FieldType.STRING)
          .build();

  /**
   * Score rows plus the known label and the sensitive attributes (name to value, "missing" when blank),
   * for evaluation and fairness checks.
   */
  public static final Schema LABELLED_SCHEMA =
      Schema.builder()
          .addFields(SCHEMA.getFields())
          .addNullableField(LABEL, FieldType.BOOLEAN)
          .addMapField(SENSITIVE, FieldType.STRING, FieldType.STRING)
          .build();

  private static final Pattern NUMERIC_REASON = Pattern.compile("^(.+?) = .* \\((low|high)\\)$");

  private ScoreRows() {}

  /**
   * A reason as it is counted: a numeric input with its direction ({@code tenure (low)}), since its
   * value differs per customer; a category with its value ({@code Contract = Month-to-month}).
   */
  public static String reasonKey(String reason) {
    Matcher numeric = NUMERIC_REASON.matcher(reason);
    return numeric.matches() ? numeric.group(1) + " (" + numeric.group(2) + ")" : reason;
  }

  public static String csvHeader() {
    return String.join(",", SCHEMA.getFieldNames());
  }

  /** One CSV line: the score columns in order, the timestamp in ISO-8601 UTC. */
  public static String toCsv(Row score) {
    List<Object> values = new ArrayList<>();
    for (String field : SCHEMA.getFieldNames()) {
      values.add(score.getValue(field));
    }
    return CsvLine.join(values);
  }

  /**
   * A score row back from a line of {@link #toCsv}; throws {@link BadRecordException} naming the column
   * that is wrong.
   */
  public static Row fromCsv(String line) {
    List<String> values = CsvLine.split(line);
    if (values.size() != SCHEMA.getFieldCount()) {
      throw new BadRecordException("expected " + SCHEMA.getFieldCount() + " columns (" + csvHeader() + "), found " + values.size());
    }
    Row.Builder row = Row.withSchema(SCHEMA);
    for (int i = 0; i < values.size(); i++) {
      String name = SCHEMA.getField(i).getName();
      String value = values.get(i);
      if (value.isEmpty() && !SCHEMA.getField(i).getType().getNullable()) {
        throw new BadRecordException("'" + name + "' is blank");
      }
      row.addValue(value.isEmpty() ? null : parse(name, value));
    }
    return row.build();
  }

  private static Object parse(String name, String value) {
    try {
      switch (name) {
        case SCORED_AT:
          return org.joda.time.Instant.parse(value);
        case CHURN_PROBABILITY:
          double probability = Double.parseDouble(value);
          if (!(probability >= 0 && probability <= 1)) {
            throw new BadRecordException("'" + name + "' is " + value + ", not a probability in [0, 1]");
          }
          return probability;
        default:
          return value;
      }
    } catch (IllegalArgumentException e) {
      throw new BadRecordException("'" + name + "' is '" + value + "': " + e.getMessage());
    }
  }
}
