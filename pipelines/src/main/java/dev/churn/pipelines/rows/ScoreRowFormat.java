package dev.churn.pipelines.rows;

import dev.churn.models.score.Score;
import dev.churn.transforms.schema.DatasetSchema;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;

/**
 * The row a score becomes: the score row every sink writes ({@link #SCORES}), or, for evaluation and
 * the promotion gate, the same with the customer's label and sensitive groups ({@link #labelled}).
 */
public abstract class ScoreRowFormat implements Serializable {
  private static final long serialVersionUID = 1L;

  /** {@link ScoreRows#SCHEMA}. */
  public static final ScoreRowFormat SCORES = new ScoreRowFormat() {
    private static final long serialVersionUID = 1L;

    @Override
    public Schema schema() {
      return ScoreRows.SCHEMA;
    }

    @Override
    void addExtra(Row.Builder row, Row customer) {}
  };

  /** {@link ScoreRows#LABELLED_SCHEMA}: the label and each of the {@code sensitive} attributes' group. */
  public static ScoreRowFormat labelled(List<String> sensitive) {
    return new Labelled(sensitive);
  }

  public abstract Schema schema();

  /** The row of {@code score}, of a run scored at {@code scoredAt}. */
  public Row row(Score score, Row customer, String runId, Instant scoredAt) {
    Row.Builder row =
        Row.withSchema(schema())
            .addValues(runId, scoredAt, score.customerId, score.segment, score.churnProbability, score.riskBand, score.modelVersion);
    for (int r = 0; r < Score.MAX_REASONS; r++) {
      row.addValue(score.reason(r));
    }
    addExtra(row, customer);
    return row.build();
  }

  abstract void addExtra(Row.Builder row, Row customer);

  private static final class Labelled extends ScoreRowFormat {
    private static final long serialVersionUID = 1L;
    private final List<String> sensitive;

    Labelled(List<String> sensitive) {
      this.sensitive = new ArrayList<>(sensitive);
    }

    @Override
    public Schema schema() {
      return ScoreRows.LABELLED_SCHEMA;
    }

    @Override
    void addExtra(Row.Builder row, Row customer) {
      row.addValue(customer.getBoolean(DatasetSchema.LABEL_FIELD));
      Map<String, String> groups = new TreeMap<>();
      for (String attribute : sensitive) {
        groups.put(attribute, DatasetSchema.groupOf(customer, attribute));
      }
      row.addValue(groups);
    }
  }
}
