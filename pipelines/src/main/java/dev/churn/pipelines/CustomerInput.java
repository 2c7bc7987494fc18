package dev.churn.pipelines;

import dev.churn.transforms.customers.CsvHeader;
import dev.churn.transforms.customers.ReadCustomers;
import dev.churn.transforms.io.InputFiles;
import dev.churn.transforms.schema.DatasetSchema;
import java.io.Serializable;
import java.util.List;

/**
 * A customers file (or glob) checked before any pipeline starts: the files exist and their header
 * matches the dataset schema. Problems are user errors, reported before anything is written.
 */
public final class CustomerInput implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String pattern;
  private final List<String> files;
  private final DatasetSchema schema;
  private final CsvHeader header;
  private final boolean withLabel;

  private CustomerInput(String pattern, List<String> files, DatasetSchema schema, CsvHeader header, boolean withLabel) {
    this.pattern = pattern;
    this.files = files;
    this.schema = schema;
    this.header = header;
    this.withLabel = withLabel;
  }

  /** @param withLabel the label column is required and parsed (training, evaluation) */
  public static CustomerInput check(String pattern, DatasetSchema schema, boolean withLabel) {
    List<String> files = InputFiles.match("customers", pattern);
    return new CustomerInput(pattern, files, schema, CsvHeader.read(files, schema, withLabel), withLabel);
  }

  public ReadCustomers read() {
    return ReadCustomers.from(pattern, schema, header, withLabel);
  }

  public String pattern() {
    return pattern;
  }

  public List<String> files() {
    return files;
  }

  public DatasetSchema schema() {
    return schema;
  }
}
