package dev.churn.pipelines.monitor;

import dev.churn.transforms.InvalidInputException;
import dev.churn.transforms.io.BadRecordException;
import dev.churn.transforms.io.CsvLine;
import dev.churn.transforms.io.InputFiles;
import dev.churn.transforms.io.SourceLine;
import dev.churn.transforms.io.Text;
import dev.churn.transforms.schema.DatasetSchema;
import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.values.KV;

/**
 * Labels that arrived after scoring: CSV files with a header holding the schema's id and label columns
 * (a two-column file, or a whole labelled customers file). Checked before the pipeline starts.
 */
public final class LabelFile implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String pattern;
  private final int idColumn;
  private final int labelColumn;
  private final String positive;
  private final String negative;

  private LabelFile(String pattern, int idColumn, int labelColumn, String positive, String negative) {
    this.pattern = pattern;
    this.idColumn = idColumn;
    this.labelColumn = labelColumn;
    this.positive = positive;
    this.negative = negative;
  }

  /** The files exist and every one has the id and label columns at the same places. */
  public static LabelFile check(String pattern, DatasetSchema schema) {
    List<String> files = InputFiles.match("labels", pattern);
    int[] columns = null;
    for (String file : files) {
      List<String> header = InputFiles.csvHeader("labels", file);
      int id = header.indexOf(schema.id);
      int label = header.indexOf(schema.label.column);
      if (id < 0 || label < 0) {
        throw new InvalidInputException(
            "labels file " + file + ": the header needs columns '" + schema.id + "' and '" + schema.label.column + "', found " + Text.abbreviate(header.toString(), 300));
      }
      if (columns != null && (columns[0] != id || columns[1] != label)) {
        throw new InvalidInputException("labels file " + file + ": its columns are in another order than in " + files.get(0));
      }
      columns = new int[] {id, label};
    }
    return new LabelFile(pattern, columns[0], columns[1], schema.label.positive, schema.label.negative);
  }

  public String pattern() {
    return pattern;
  }

  /** A label as read: churned or not, and where it came from (to dead-letter a conflicting one). */
  static final class Label implements Serializable {
    private static final long serialVersionUID = 1L;
    final boolean churned;
    final SourceLine source;

    Label(boolean churned, SourceLine source) {
      this.churned = churned;
      this.source = source;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Label && ((Label) o).churned == churned && ((Label) o).source.equals(source);
    }

    @Override
    public int hashCode() {
      return Boolean.hashCode(churned) * 31 + source.hashCode();
    }
  }

  /** A data line as (customer id, its label). */
  KV<String, Label> parse(SourceLine source) {
    String line = source.text();
    List<String> values;
    try {
      values = CsvLine.split(line);
    } catch (IllegalArgumentException e) {
      throw new BadRecordException(e.getMessage());
    }
    if (values.size() <= Math.max(idColumn, labelColumn)) {
      throw new BadRecordException("expected at least " + (Math.max(idColumn, labelColumn) + 1) + " columns, found " + values.size());
    }
    String id = values.get(idColumn).trim();
    String label = values.get(labelColumn).trim();
    if (id.isEmpty()) {
      throw new BadRecordException("the customer id is blank");
    }
    if (!label.equals(positive) && !label.equals(negative)) {
      throw new BadRecordException("label '" + label + "' is neither '" + positive + "' nor '" + negative + "'");
    }
    return KV.of(id, new Label(label.equals(positive), source));
  }
}
