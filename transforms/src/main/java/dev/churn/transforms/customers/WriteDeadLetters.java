package dev.churn.transforms.customers;

import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptors;

/** Writes dead letters as JSON lines ({@code PREFIX-SSSSS-of-NNNNN.jsonl}). */
public final class WriteDeadLetters extends PTransform<PCollection<DeadLetter>, PDone> {
  private final String prefix;

  private WriteDeadLetters(String prefix) {
    this.prefix = prefix;
  }

  public static WriteDeadLetters to(String prefix) {
    return new WriteDeadLetters(prefix);
  }

  @Override
  public PDone expand(PCollection<DeadLetter> deadLetters) {
    return deadLetters
        .apply("ToJson", MapElements.into(TypeDescriptors.strings()).via(DeadLetter::toJson))
        .apply("WriteJsonLines", TextIO.write().to(prefix).withSuffix(".jsonl"));
  }
}
