package dev.churn.transforms.events;

import dev.churn.transforms.customers.DeadLetter;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The events of customers, keyed by customer id: telemetry readings (attached to customers through the
 * device registry), device installations and interactions, plus every record that was rejected. An
 * input not given is an empty collection.
 */
public final class CustomerEvents {
  public static final KvCoder<String, TelemetryReading> READING_CODER =
      KvCoder.of(StringUtf8Coder.of(), TelemetryReading.Coder.of());
  public static final KvCoder<String, Device> DEVICE_CODER =
      KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(Device.class));
  public static final KvCoder<String, Interaction> INTERACTION_CODER =
      KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(Interaction.class));

  public final PCollection<KV<String, TelemetryReading>> readings;
  public final PCollection<KV<String, Device>> devices;
  public final PCollection<KV<String, Interaction>> interactions;
  public final PCollection<DeadLetter> deadLetters;
  /** Device id to its installations, or null without a device registry. */
  public final PCollectionView<Map<String, Iterable<Device>>> registry;

  private CustomerEvents(
      PCollection<KV<String, TelemetryReading>> readings,
      PCollection<KV<String, Device>> devices,
      PCollection<KV<String, Interaction>> interactions,
      PCollection<DeadLetter> deadLetters,
      PCollectionView<Map<String, Iterable<Device>>> registry) {
    this.readings = readings;
    this.devices = devices;
    this.interactions = interactions;
    this.deadLetters = deadLetters;
    this.registry = registry;
  }

  /**
   * Reads the inputs given (each may be null; telemetry needs the device registry).
   */
  public static CustomerEvents read(Pipeline pipeline, EventInput telemetry, EventInput registryInput, EventInput interactionsInput) {
    if (telemetry != null && registryInput == null) {
      throw new IllegalArgumentException("telemetry needs the device registry");
    }
    PCollectionList<DeadLetter> deadLetters = PCollectionList.empty(pipeline);

    PCollection<KV<String, Device>> devices;
    PCollectionView<Map<String, Iterable<Device>>> registry = null;
    if (registryInput != null) {
      TupleTag<Device> parsed = new TupleTag<>() {};
      PCollectionTuple records = parse(pipeline, "Devices", registryInput, parsed, Device::parse);
      PCollection<Device> installations = records.get(parsed).setCoder(SerializableCoder.of(Device.class));
      deadLetters = deadLetters.and(records.get(ParseEventFn.REJECTED).setCoder(DeadLetter.CODER));
      devices =
          installations
              .apply("DevicesByCustomer", WithKeys.<String, Device>of(d -> d.customerId).withKeyType(TypeDescriptors.strings()))
              .setCoder(DEVICE_CODER);
      registry =
          installations
              .apply("DevicesById", WithKeys.<String, Device>of(d -> d.deviceId).withKeyType(TypeDescriptors.strings()))
              .setCoder(DEVICE_CODER)
              .apply("DeviceRegistry", View.asMultimap());
    } else {
      devices = pipeline.apply("NoDevices", Create.empty(DEVICE_CODER));
    }

    PCollection<KV<String, TelemetryReading>> readings;
    if (telemetry != null) {
      PCollectionTuple records =
          pipeline
              .apply("ReadTelemetry", telemetry.read())
              .apply(
                  "ParseTelemetry",
                  ParDo.of(new ParseTelemetryFn(telemetry.csvHeader(), registry))
                      .withSideInputs(registry)
                      .withOutputTags(ParseTelemetryFn.PARSED, TupleTagList.of(ParseTelemetryFn.REJECTED)));
      readings = records.get(ParseTelemetryFn.PARSED).setCoder(READING_CODER);
      deadLetters = deadLetters.and(records.get(ParseTelemetryFn.REJECTED).setCoder(DeadLetter.CODER));
    } else {
      readings = pipeline.apply("NoTelemetry", Create.empty(READING_CODER));
    }

    PCollection<KV<String, Interaction>> interactions;
    if (interactionsInput != null) {
      TupleTag<Interaction> parsed = new TupleTag<>() {};
      PCollectionTuple records = parse(pipeline, "Interactions", interactionsInput, parsed, Interaction::parse);
      deadLetters = deadLetters.and(records.get(ParseEventFn.REJECTED).setCoder(DeadLetter.CODER));
      interactions =
          records
              .get(parsed)
              .setCoder(SerializableCoder.of(Interaction.class))
              .apply("InteractionsByCustomer", WithKeys.<String, Interaction>of(i -> i.customerId).withKeyType(TypeDescriptors.strings()))
              .setCoder(INTERACTION_CODER);
    } else {
      interactions = pipeline.apply("NoInteractions", Create.empty(INTERACTION_CODER));
    }

    PCollection<DeadLetter> rejected =
        deadLetters.size() == 0
            ? pipeline.apply("NoEventDeadLetters", Create.empty(DeadLetter.CODER))
            : deadLetters.apply("EventDeadLetters", Flatten.pCollections()).setCoder(DeadLetter.CODER);
    return new CustomerEvents(readings, devices, interactions, rejected, registry);
  }

  private static <T> PCollectionTuple parse(
      Pipeline pipeline,
      String name,
      EventInput input,
      TupleTag<T> parsed,
      SerializableFunction<RecordFields, T> parser) {
    return pipeline
        .apply("Read" + name, input.read())
        .apply(
            "Parse" + name,
            ParDo.of(new ParseEventFn<>(input, parsed, parser))
                .withOutputTags(parsed, TupleTagList.of(ParseEventFn.REJECTED)));
  }
}
