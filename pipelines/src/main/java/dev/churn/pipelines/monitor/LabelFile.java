package dev.churn.pipelines.monitor;

import dev.churn.transforms.InvalidInputException;
import dev.churn.transforms.io.BadRecordException;
import dev.churn.transforms.io.CsvLine;
import dev.churn.transforms.io.InputFiles;
import dev.churn.transforms.schema.DatasetSchema;
import java.io.IOException;
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
      List<String> header;
      try {
        String first = InputFiles.firstLine(file);
        header = first == null ? List.of() : CsvLine.split(first);
      } catch (IOException e) {
        throw new InvalidInputException("labels file " + file + " cannot be read: " + e.getMessage(), e);
      }
      int id = header.indexOf(schema.id);
      int label = header.indexOf(schema.label.column);
      if (id < 0 || label < 0) {
        throw new InvalidInputException(
            "labels file " + file + ": the header needs columns '" + schema.id + "' and '" + schema.label.column + "', found " + header);
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

  /** A data line as (customer id, churned). */
  KV<String, Boolean> parse(String line) {
    List<String> values = CsvLine.split(line);
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
    return KV.of(id, label.equals(positive));
  }
}
