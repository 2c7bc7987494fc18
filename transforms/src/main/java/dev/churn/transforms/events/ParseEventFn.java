package dev.churn.transforms.events;

import dev.churn.transforms.customers.DeadLetter;
import dev.churn.transforms.io.BadRecordException;
import dev.churn.transforms.io.SourceLine;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Parses event records (CSV under the input's header, or JSON objects) into events, or sends them to
 * the dead-letter output with the reason. Counts both in the metrics namespace named after the input.
 */
final class ParseEventFn<T> extends DoFn<SourceLine, T> {
  static final TupleTag<DeadLetter> REJECTED = new TupleTag<>() {};

  private final TupleTag<T> parsedTag;
  private final List<String> csvHeader;
  private final SerializableFunction<RecordFields, T> parser;
  private final Counter accepted;
  private final Counter rejected;

  ParseEventFn(EventInput input, TupleTag<T> parsedTag, SerializableFunction<RecordFields, T> parser) {
    this.parsedTag = parsedTag;
    this.csvHeader = input.csvHeader();
    this.parser = parser;
    this.accepted = Metrics.counter(input.what(), "accepted");
    this.rejected = Metrics.counter(input.what(), "dead_lettered");
  }

  @ProcessElement
  public void process(@Element SourceLine line, MultiOutputReceiver out) {
    try {
      T event = parser.apply(RecordFields.parse(line.requireReadable().text(), csvHeader));
      accepted.inc();
      out.get(parsedTag).output(event);
    } catch (BadRecordException e) {
      rejected.inc();
      out.get(REJECTED).output(DeadLetter.of(line, e.getMessage()));
    }
  }
}
