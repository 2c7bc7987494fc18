package dev.churn.transforms.customers;

import dev.churn.transforms.io.BadRecordException;
import dev.churn.transforms.io.CsvLine;
import dev.churn.transforms.io.SourceLine;
import dev.churn.transforms.schema.DatasetSchema;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Parses one CSV line into a customer {@link Row} keyed by the shard of its id ({@link CustomerParser}),
 * or sends it to the dead-letter output with the reason (a wrong field count, or what the parser found).
 */
public final class ParseCustomerFn extends DoFn<SourceLine, KV<Integer, KV<SourceLine, Row>>> {
  public static final TupleTag<KV<Integer, KV<SourceLine, Row>>> PARSED = new TupleTag<>() {};
  public static final TupleTag<DeadLetter> REJECTED = new TupleTag<>() {};

  private final CsvHeader header;
  private final CustomerParser parser;

  /** @param withLabel parse and require the label column (training, evaluation) */
  public ParseCustomerFn(DatasetSchema schema, CsvHeader header, boolean withLabel) {
    this.header = header;
    this.parser = new CustomerParser(schema, withLabel);
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
      throw new BadRecordException("expected " + header.size() + " fields, found " + fields.size());
    }
    return parser.parse(column -> fields.get(header.indexOf(column)).trim());
  }
}
