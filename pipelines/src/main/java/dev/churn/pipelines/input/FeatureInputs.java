package dev.churn.pipelines.input;

import dev.churn.transforms.InvalidInputException;
import dev.churn.transforms.customers.CustomerRecords;
import dev.churn.transforms.customers.DeadLetter;
import dev.churn.transforms.events.CustomerEvents;
import dev.churn.transforms.events.Device;
import dev.churn.transforms.events.EventInput;
import dev.churn.transforms.events.EventTime;
import dev.churn.transforms.events.Interaction;
import dev.churn.transforms.events.TelemetryReading;
import dev.churn.transforms.features.AddFeatures;
import dev.churn.transforms.schema.DatasetSchema;
import dev.churn.transforms.schema.FeatureSpec;
import java.io.Serializable;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.util.SerializableUtils;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.Row;

/**
 * The event inputs of a batch run (telemetry with its device registry, interactions; each optional) and
 * the cutoff, checked before any pipeline starts.
 */
public final class FeatureInputs implements Serializable {
  private static final long serialVersionUID = 1L;

  private final EventInput telemetry;
  private final EventInput devices;
  private final EventInput interactions;
  private final double cutoff;

  private FeatureInputs(EventInput telemetry, EventInput devices, EventInput interactions, double cutoff) {
    this.telemetry = telemetry;
    this.devices = devices;
    this.interactions = interactions;
    this.cutoff = cutoff;
  }

  /**
   * @param cutoff epoch seconds, an ISO-8601 time or a date; null for now
   */
  public static FeatureInputs check(String telemetry, String devices, String interactions, String cutoff) {
    if (telemetry != null && devices == null) {
      throw new InvalidInputException("--telemetry needs --devices: the device registry says which customer owns each device");
    }
    if (devices != null && telemetry == null) {
      throw new InvalidInputException("--devices is the registry of the --telemetry devices: give both or neither");
    }
    return new FeatureInputs(
        telemetry == null ? null : EventInput.check("telemetry", telemetry, TelemetryReading.REQUIRED_COLUMNS),
        devices == null ? null : EventInput.check("devices", devices, Device.REQUIRED_COLUMNS),
        interactions == null ? null : EventInput.check("interactions", interactions, Interaction.REQUIRED_COLUMNS),
        parseCutoff(cutoff));
  }

  static double parseCutoff(String text) {
    if (text == null) {
      return System.currentTimeMillis() / 1000.0;
    }
    try {
      return EventTime.parseSeconds(text);
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new InvalidInputException(
          "--cutoff '" + text + "': expected a date (2026-11-25), an ISO-8601 time (2026-11-25T21:00:00Z) or epoch seconds");
    }
  }

  public boolean any() {
    return telemetry != null || interactions != null;
  }

  public double cutoff() {
    return cutoff;
  }

  /**
   * The features a model trained on these inputs uses: the schema's {@code features} block (or the
   * defaults), for the kinds of events given. Null when no events are given.
   */
  public FeatureSpec specFor(DatasetSchema schema) {
    if (!any()) {
      return null;
    }
    FeatureSpec spec = schema.features == null ? new FeatureSpec() : SerializableUtils.clone(schema.features);
    spec.telemetry = telemetry != null;
    spec.interactions = interactions != null;
    return spec;
  }

  /** Checks that a model's features can be computed from these inputs; returns notes on inputs it ignores. */
  public List<String> requireFor(DatasetSchema schema, String models) {
    FeatureSpec spec = schema.features;
    boolean needsTelemetry = spec != null && spec.telemetry;
    boolean needsInteractions = spec != null && spec.interactions;
    if (needsTelemetry && telemetry == null) {
      throw new InvalidInputException(models + " was trained with telemetry features: give --telemetry and --devices");
    }
    if (needsInteractions && interactions == null) {
      throw new InvalidInputException(models + " was trained with interaction features: give --interactions");
    }
    List<String> notes = new ArrayList<>();
    if (telemetry != null && !needsTelemetry) {
      notes.add("--telemetry ignored: " + models + " uses no telemetry features");
    }
    if (interactions != null && !needsInteractions) {
      notes.add("--interactions ignored: " + models + " uses no interaction features");
    }
    return notes;
  }

  /**
   * Adds the schema's event features as of the cutoff to the customers (unchanged when the schema has
   * none); dead letters of the event inputs join the customers' own.
   */
  public CustomerRecords addTo(Pipeline pipeline, DatasetSchema schema, CustomerRecords records) {
    if (!schema.hasFeatures()) {
      return records;
    }
    FeatureSpec spec = schema.features;
    CustomerEvents events =
        CustomerEvents.read(
            pipeline,
            spec.telemetry ? telemetry : null,
            spec.telemetry ? devices : null,
            spec.interactions ? interactions : null);
    PCollection<Row> customers = records.customers().apply("AddFeatures", AddFeatures.asOf(schema, events, cutoff));
    PCollection<DeadLetter> deadLetters =
        PCollectionList.of(records.deadLetters())
            .and(events.deadLetters)
            .apply("AllDeadLetters", Flatten.pCollections())
            .setCoder(DeadLetter.CODER);
    return new CustomerRecords(pipeline, customers, deadLetters);
  }

  /** The patterns of the event inputs given, by name (telemetry, devices, interactions). */
  public Map<String, String> patterns() {
    Map<String, String> patterns = new TreeMap<>();
    for (EventInput input : new EventInput[] {telemetry, devices, interactions}) {
      if (input != null) {
        patterns.put(input.what(), input.pattern());
      }
    }
    return patterns;
  }

  /** The cutoff in words, for progress lines. */
  public String describeCutoff() {
    return EventTime.format(cutoff);
  }
}
