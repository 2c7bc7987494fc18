package dev.churn.transforms.customers;

import dev.churn.transforms.io.ReadLinesWithNumbers;
import dev.churn.transforms.io.SourceLine;
import dev.churn.transforms.schema.DatasetSchema;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Reads customer CSV files into validated {@link Row}s (see {@link DatasetSchema#rowSchema()}) and a
 * dead-letter collection: records that do not parse and every duplicate of a customer id. Counts what
 * it read, accepted and rejected in the {@value #METRICS} metrics namespace.
 */
public final class ReadCustomers extends PTransform<PBegin, CustomerRecords> {
  public static final String METRICS = "customers";
  public static final String READ = "read";
  public static final String ACCEPTED = "accepted";
  public static final String DEAD_LETTERED = "dead_lettered";
  /** Dead letters per kind of problem, and the first line of each kind. */
  public static final String REASONS = "customers_dead_letter_reasons";

  public static final String REASON_LINES = "customers_dead_letter_lines";

  private final String filePattern;
  private final DatasetSchema schema;
  private final CsvHeader header;
  private final boolean withLabel;

  private ReadCustomers(String filePattern, DatasetSchema schema, CsvHeader header, boolean withLabel) {
    this.filePattern = filePattern;
    this.schema = schema;
    this.header = header;
    this.withLabel = withLabel;
  }

  /**
   * @param header the files' header, as checked by {@link CsvHeader#read} before the pipeline starts
   * @param withLabel parse and require the label (training and evaluation)
   */
  public static ReadCustomers from(
      String filePattern, DatasetSchema schema, CsvHeader header, boolean withLabel) {
    return new ReadCustomers(filePattern, schema, header, withLabel);
  }

  @Override
  public CustomerRecords expand(PBegin input) {
    Schema rowSchema = schema.rowSchema();
    PCollectionTuple parsed =
        input
            .apply("ReadLines", ReadLinesWithNumbers.from(filePattern))
            .apply("CountRead", ParDo.of(new CountFn<>(READ)))
            .apply(
                "ParseCustomers",
                ParDo.of(new ParseCustomerFn(schema, header, withLabel))
                    .withOutputTags(ParseCustomerFn.PARSED, TupleTagList.of(ParseCustomerFn.REJECTED)));
    PCollectionTuple unique =
        parsed
            .get(ParseCustomerFn.PARSED)
            .setCoder(
                KvCoder.of(
                    VarIntCoder.of(),
                    KvCoder.of(SourceLine.Coder.of(), RowCoder.of(rowSchema))))
            .apply("GroupByIdShard", GroupByKey.create())
            .apply(
                "KeepFirstPerCustomer",
                ParDo.of(new KeepFirstPerCustomerFn())
                    .withOutputTags(
                        KeepFirstPerCustomerFn.UNIQUE, TupleTagList.of(KeepFirstPerCustomerFn.DUPLICATES)));
    PCollection<Row> customers =
        unique
            .get(KeepFirstPerCustomerFn.UNIQUE)
            .setRowSchema(rowSchema)
            .apply("CountAccepted", ParDo.of(new CountFn<>(ACCEPTED)))
            .setRowSchema(rowSchema);
    PCollection<DeadLetter> deadLetters =
        PCollectionList.of(parsed.get(ParseCustomerFn.REJECTED).setCoder(DeadLetter.CODER))
            .and(unique.get(KeepFirstPerCustomerFn.DUPLICATES).setCoder(DeadLetter.CODER))
            .apply("CollectDeadLetters", Flatten.pCollections())
            .apply("CountDeadLetters", ParDo.of(new CountDeadLettersFn()))
            .setCoder(DeadLetter.CODER);
    return new CustomerRecords(input.getPipeline(), customers, deadLetters);
  }


  /**
   * Passes dead letters through, counting them, and per kind of problem ({@link DeadLetter#kind}) in
   * the namespace {@value #REASONS}, with the first line of each kind in {@value #REASON_LINES}.
   */
  static final class CountDeadLettersFn extends DoFn<DeadLetter, DeadLetter> {
    private final Counter counter = Metrics.counter(METRICS, DEAD_LETTERED);

    @ProcessElement
    public void process(@Element DeadLetter deadLetter, OutputReceiver<DeadLetter> out) {
      counter.inc();
      Metrics.counter(REASONS, deadLetter.kind()).inc();
      Metrics.distribution(REASON_LINES, deadLetter.kind()).update(deadLetter.line());
      out.output(deadLetter);
    }
  }

  /** Passes elements through, counting them. */
  static final class CountFn<T> extends DoFn<T, T> {
    private final Counter counter;

    CountFn(String name) {
      this.counter = Metrics.counter(METRICS, name);
    }

    @ProcessElement
    public void process(@Element T element, OutputReceiver<T> out) {
      counter.inc();
      out.output(element);
    }
  }
}
