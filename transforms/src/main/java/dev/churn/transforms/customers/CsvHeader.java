package dev.churn.transforms.customers;

import dev.churn.transforms.InvalidInputException;
import dev.churn.transforms.io.InputFiles;
import dev.churn.transforms.io.Text;
import dev.churn.transforms.schema.DatasetSchema;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The header of a customers file, checked against the dataset schema before a pipeline starts: every
 * schema column must be present and no unknown column may appear (a sign of the wrong schema).
 */
public final class CsvHeader implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<String> columns;
  private final Map<String, Integer> index = new HashMap<>();

  public CsvHeader(List<String> columns) {
    this.columns = List.copyOf(columns);
    for (int i = 0; i < columns.size(); i++) {
      index.put(columns.get(i), i);
    }
  }

  public int size() {
    return columns.size();
  }

  /** Position of a column, or -1 when the file does not have it. */
  public int indexOf(String column) {
    return index.getOrDefault(column, -1);
  }

  /**
   * Reads and checks the header of each file; all files must share one header.
   *
   * @param labelRequired whether the label column must be present (training, evaluation) or may be
   *     absent (scoring)
   */
  public static CsvHeader read(List<String> files, DatasetSchema schema, boolean labelRequired) {
    CsvHeader first = null;
    for (String file : files) {
      CsvHeader header = readOne(file);
      header.check(file, schema, labelRequired);
      if (first != null && !first.columns.equals(header.columns)) {
        throw new InvalidInputException(
            "customers file " + file + ": header differs from the header of " + files.get(0));
      }
      first = first == null ? header : first;
    }
    return first;
  }

  private static CsvHeader readOne(String file) {
    return new CsvHeader(InputFiles.csvHeader("customers", file));
  }

  void check(String file, DatasetSchema schema, boolean labelRequired) {
    List<String> missing = new ArrayList<>();
    for (String column : schema.requiredColumns(labelRequired)) {
      if (indexOf(column) < 0) {
        missing.add(column);
      }
    }
    List<String> unknown = new ArrayList<>(columns);
    unknown.removeAll(schema.requiredColumns(true));
    if (!missing.isEmpty() || !unknown.isEmpty()) {
      StringBuilder message =
          new StringBuilder("customers file " + file + ": header does not match dataset schema '")
              .append(schema.name)
              .append("'");
      if (!missing.isEmpty()) {
        message.append("; missing column(s) ").append(String.join(", ", missing));
      }
      if (!unknown.isEmpty()) {
        message.append("; unknown column(s) ").append(names(unknown));
      }
      throw new InvalidInputException(message.toString());
    }
  }

  /** At most ten column names, each shortened: a header can be anything, even megabytes long. */
  private static String names(List<String> columns) {
    List<String> shown = new ArrayList<>();
    columns.stream().limit(10).forEach(name -> shown.add(Text.abbreviate(name, 64)));
    return String.join(", ", shown) + (columns.size() > 10 ? " and " + (columns.size() - 10) + " more" : "");
  }
}
