package dev.churn.pipelines.monitor;

import dev.churn.transforms.customers.DeadLetter;
import dev.churn.transforms.io.BadRecordException;
import dev.churn.transforms.io.SourceLine;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Parses the lines of CSV files with a header (line 1 of each file, skipped) into values keyed by
 * customer id. A line the parser rejects becomes a {@link DeadLetter} with the reason, counted in the
 * {@value MonitorPipeline#METRICS} counter {@link #deadLetterCounter}.
 */
final class KeyedLineParser<T> extends DoFn<SourceLine, KV<String, T>> {
  static final TupleTag<DeadLetter> REJECTED = new TupleTag<DeadLetter>() {};

  private final TupleTag<KV<String, T>> parsed;
  private final SerializableFunction<SourceLine, KV<String, T>> parser;
  private final Counter deadLettered;

  KeyedLineParser(String name, TupleTag<KV<String, T>> parsed, SerializableFunction<SourceLine, KV<String, T>> parser) {
    this.parsed = parsed;
    this.parser = parser;
    this.deadLettered = Metrics.counter(MonitorPipeline.METRICS, deadLetterCounter(name));
  }

  /** The name of the counter of an input's dead letters. */
  static String deadLetterCounter(String name) {
    return name + "_dead_lettered";
  }

  @ProcessElement
  public void process(@Element SourceLine line, MultiOutputReceiver out) {
    if (line.lineNumber() == 1 || line.text().isEmpty()) {
      return;
    }
    try {
      out.get(parsed).output(parser.apply(line.requireReadable()));
    } catch (BadRecordException e) {
      deadLettered.inc();
      out.get(REJECTED).output(DeadLetter.of(line, e.getMessage()));
    }
  }
}
