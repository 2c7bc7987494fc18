package dev.churn.transforms.features;

import dev.churn.transforms.customers.DeadLetter;
import dev.churn.transforms.events.CustomerEvents;
import dev.churn.transforms.events.Device;
import dev.churn.transforms.events.Interaction;
import dev.churn.transforms.events.ParseTelemetryFn;
import dev.churn.transforms.io.SourceLine;
import dev.churn.transforms.schema.DatasetSchema;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The streaming side of the feature graph: telemetry records in event time (from Kafka, or a
 * {@code TestStream}) become customers with their features as of each emission time, computed by the
 * same {@link CustomerFeatures} as the batch {@link AddFeatures}. The customers, the device registry and
 * the interactions are bounded inputs read beside the stream.
 */
public final class StreamFeatures extends PTransform<PCollection<SourceLine>, StreamFeatures.Result> {
  private final DatasetSchema schema;
  private final PCollection<Row> customers;
  private final CustomerEvents events;
  private final List<String> csvHeader;
  private final double emitEvery;
  private final double allowedLateness;

  /** Features and the records that were rejected. */
  public static final class Result implements POutput {
    public final PCollection<Row> features;
    public final PCollection<DeadLetter> deadLetters;

    Result(PCollection<Row> features, PCollection<DeadLetter> deadLetters) {
      this.features = features;
      this.deadLetters = deadLetters;
    }

    @Override
    public Pipeline getPipeline() {
      return features.getPipeline();
    }

    @Override
    public Map<TupleTag<?>, PValue> expand() {
      return Map.of(StreamFeaturesFn.FEATURES, features, StreamFeaturesFn.REJECTED, deadLetters);
    }

    @Override
    public void finishSpecifyingOutput(String name, PInput input, PTransform<?, ?> transform) {}
  }

  private StreamFeatures(
      DatasetSchema schema, PCollection<Row> customers, CustomerEvents events, List<String> csvHeader, double emitEvery, double allowedLateness) {
    this.schema = schema;
    this.customers = customers;
    this.events = events;
    this.csvHeader = csvHeader;
    this.emitEvery = emitEvery;
    this.allowedLateness = allowedLateness;
  }

  /**
   * @param customers the customers (without features) to score as their telemetry arrives
   * @param events the device registry and interactions (no telemetry: that is the stream)
   * @param csvHeader columns of CSV telemetry records, or null when every record is JSON
   * @param emitEvery seconds between emission times
   * @param allowedLateness seconds a reading may arrive after its features were emitted
   */
  public static StreamFeatures of(
      DatasetSchema schema, PCollection<Row> customers, CustomerEvents events, List<String> csvHeader, double emitEvery, double allowedLateness) {
    if (events.registry == null) {
      throw new IllegalArgumentException("streaming telemetry needs the device registry");
    }
    return new StreamFeatures(schema, customers, events, csvHeader, emitEvery, allowedLateness);
  }

  @Override
  public Result expand(PCollection<SourceLine> records) {
    PCollectionTuple parsed =
        records.apply(
            "ParseTelemetry",
            ParDo.of(new ParseTelemetryFn(csvHeader, events.registry))
                .withSideInputs(events.registry)
                .withOutputTags(ParseTelemetryFn.PARSED, TupleTagList.of(ParseTelemetryFn.REJECTED)));
    PCollectionView<Map<String, Row>> customersById =
        customers
            .apply("CustomersById", WithKeys.<String, Row>of(r -> r.getString(DatasetSchema.ID_FIELD)).withKeyType(TypeDescriptors.strings()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), RowCoder.of(customers.getSchema())))
            .apply("CustomersView", View.asMap());
    PCollectionView<Map<String, Iterable<Device>>> devicesByCustomer =
        events.devices.apply("DevicesByCustomerView", View.asMultimap());
    PCollectionView<Map<String, Iterable<Interaction>>> interactionsByCustomer =
        events.interactions.apply("InteractionsByCustomerView", View.asMultimap());
    StreamFeaturesFn fn =
        new StreamFeaturesFn(schema, emitEvery, allowedLateness, customersById, devicesByCustomer, interactionsByCustomer);
    PCollectionTuple features =
        parsed
            .get(ParseTelemetryFn.PARSED)
            .setCoder(CustomerEvents.READING_CODER)
            .apply(
                "KeepFeaturesUpToDate",
                ParDo.of(fn)
                    .withSideInputs(customersById, devicesByCustomer, interactionsByCustomer)
                    .withOutputTags(StreamFeaturesFn.FEATURES, TupleTagList.of(StreamFeaturesFn.REJECTED)));
    PCollection<DeadLetter> deadLetters =
        PCollectionList.of(parsed.get(ParseTelemetryFn.REJECTED).setCoder(DeadLetter.CODER))
            .and(features.get(StreamFeaturesFn.REJECTED).setCoder(DeadLetter.CODER))
            .apply("StreamDeadLetters", Flatten.pCollections())
            .setCoder(DeadLetter.CODER);
    return new Result(features.get(StreamFeaturesFn.FEATURES).setRowSchema(fn.outputSchema()), deadLetters);
  }
}
