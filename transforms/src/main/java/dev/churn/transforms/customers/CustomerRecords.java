package dev.churn.transforms.customers;

import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/** The output of {@link ReadCustomers}: accepted customers and dead letters. */
public final class CustomerRecords implements POutput {
  private static final TupleTag<Row> CUSTOMERS = new TupleTag<>("customers");
  private static final TupleTag<DeadLetter> DEAD_LETTERS = new TupleTag<>("deadLetters");

  private final Pipeline pipeline;
  private final PCollection<Row> customers;
  private final PCollection<DeadLetter> deadLetters;

  public CustomerRecords(Pipeline pipeline, PCollection<Row> customers, PCollection<DeadLetter> deadLetters) {
    this.pipeline = pipeline;
    this.customers = customers;
    this.deadLetters = deadLetters;
  }

  public PCollection<Row> customers() {
    return customers;
  }

  public PCollection<DeadLetter> deadLetters() {
    return deadLetters;
  }

  @Override
  public Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return Map.of(CUSTOMERS, customers, DEAD_LETTERS, deadLetters);
  }

  @Override
  public void finishSpecifyingOutput(
      String transformName, PInput input, PTransform<?, ?> transform) {}
}
