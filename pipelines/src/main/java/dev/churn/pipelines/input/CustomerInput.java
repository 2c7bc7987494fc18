package dev.churn.pipelines.input;

import dev.churn.transforms.customers.CsvHeader;
import dev.churn.transforms.customers.CustomerRecords;
import dev.churn.transforms.customers.ReadCustomers;
import dev.churn.transforms.io.InputFiles;
import dev.churn.transforms.schema.DatasetSchema;
import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.Pipeline;

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
  private final FeatureInputs events;

  private CustomerInput(
      String pattern, List<String> files, DatasetSchema schema, CsvHeader header, boolean withLabel, FeatureInputs events) {
    this.pattern = pattern;
    this.files = files;
    this.schema = schema;
    this.header = header;
    this.withLabel = withLabel;
    this.events = events;
  }

  /** @param withLabel the label column is required and parsed (training, evaluation) */
  public static CustomerInput check(String pattern, DatasetSchema schema, boolean withLabel) {
    List<String> files = InputFiles.match("customers", pattern);
    return new CustomerInput(pattern, files, schema, CsvHeader.read(files, schema, withLabel), withLabel, null);
  }

  /**
   * The same customers with the event inputs their schema's features are computed from; the schema's
   * features must be computable from them.
   */
  public CustomerInput withEvents(FeatureInputs events) {
    return new CustomerInput(pattern, files, schema, header, withLabel, events);
  }

  /** Just the customers file, without event features. */
  public ReadCustomers read() {
    return ReadCustomers.from(pattern, schema, header, withLabel);
  }

  /** Reads the customers and adds their event features (when the schema has any). */
  public CustomerRecords readWithFeatures(Pipeline pipeline) {
    CustomerRecords records = pipeline.apply("ReadCustomers", read());
    if (!schema.hasFeatures()) {
      return records;
    }
    if (events == null) {
      throw new IllegalStateException("the schema has event features but no event inputs were given");
    }
    return events.addTo(pipeline, schema, records);
  }

  /** The event inputs, or null. */
  public FeatureInputs events() {
    return events;
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
