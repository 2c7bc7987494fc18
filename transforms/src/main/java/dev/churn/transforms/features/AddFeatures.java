package dev.churn.transforms.features;

import dev.churn.transforms.customers.CustomerShards;
import dev.churn.transforms.events.CustomerEvents;
import dev.churn.transforms.events.Device;
import dev.churn.transforms.events.Interaction;
import dev.churn.transforms.events.TelemetryReading;
import dev.churn.transforms.schema.DatasetSchema;
import dev.churn.transforms.schema.FeatureSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.join.RawUnionValue;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Joins customers with their events and adds the event features as of the cutoff (batch). Events are
 * grouped with their customer by a shard of the customer id, not by the id itself (a fixed number of
 * groups keeps the DirectRunner fast); a shard's events are held in memory while its customers'
 * features are computed, so a shard holds 1/32 of the events inside the widest window. Events of customers not in the customers input are counted in
 * the {@value #METRICS} metrics namespace and otherwise ignored.
 */
public final class AddFeatures extends PTransform<PCollection<Row>, PCollection<Row>> {
  public static final String METRICS = "features";

  private final DatasetSchema schema;
  private final CustomerEvents events;
  private final double cutoff;

  private AddFeatures(DatasetSchema schema, CustomerEvents events, double cutoff) {
    this.schema = schema;
    this.events = events;
    this.cutoff = cutoff;
  }

  /** @param cutoff epoch seconds: only events before it count */
  public static AddFeatures asOf(DatasetSchema schema, CustomerEvents events, double cutoff) {
    return new AddFeatures(schema, events, cutoff);
  }

  /** Positions of the inputs in the union grouped by shard. */
  private static final int CUSTOMER = 0;
  private static final int READING = 1;
  private static final int DEVICE = 2;
  private static final int INTERACTION = 3;

  @Override
  public PCollection<Row> expand(PCollection<Row> customers) {
    FeatureSpec spec = schema.features;
    double cutoff = this.cutoff;
    double telemetryFrom = cutoff - spec.maxTelemetryHours() * 3600;
    double interactionsFrom = cutoff - spec.maxInteractionDays() * 86400;
    Schema outputSchema = schema.featureRowSchema();
    KvCoder<String, Row> customerCoder = KvCoder.of(StringUtf8Coder.of(), RowCoder.of(customers.getSchema()));
    CustomerShards shards =
        new CustomerShards(List.of(customerCoder, CustomerEvents.READING_CODER, CustomerEvents.DEVICE_CODER, CustomerEvents.INTERACTION_CODER));

    PCollection<KV<String, Row>> keyedCustomers =
        customers
            .apply("KeyById", WithKeys.<String, Row>of(r -> r.getString(DatasetSchema.ID_FIELD)).withKeyType(TypeDescriptors.strings()))
            .setCoder(customerCoder);
    PCollection<KV<String, TelemetryReading>> readings =
        events.readings.apply("ReadingsInWindow", Filter.by(r -> r.getValue().ts < cutoff && r.getValue().ts >= telemetryFrom));
    PCollection<KV<String, Interaction>> interactions =
        events.interactions.apply("InteractionsInWindow", Filter.by(i -> i.getValue().ts < cutoff && i.getValue().ts >= interactionsFrom));

    // one group per shard holding everything of its customers, read in a single pass
    PCollectionList<KV<Integer, RawUnionValue>> tagged =
        PCollectionList.of(shards.tagged("Customers", keyedCustomers, CUSTOMER))
            .and(shards.tagged("Readings", readings, READING))
            .and(shards.tagged("Devices", events.devices, DEVICE))
            .and(shards.tagged("Interactions", interactions, INTERACTION));
    return CustomerShards.group("ByCustomerShard", tagged)
        .apply("ComputeFeatures", ParDo.of(new ComputeFeaturesFn(spec, cutoff, outputSchema)))
        .setRowSchema(outputSchema);
  }

  static final class ComputeFeaturesFn extends DoFn<KV<Integer, Iterable<RawUnionValue>>, Row> {
    private final FeatureSpec spec;
    private final double cutoff;
    private final Schema outputSchema;
    private final Counter orphanEvents = Metrics.counter(METRICS, "events_without_customer");

    ComputeFeaturesFn(FeatureSpec spec, double cutoff, Schema outputSchema) {
      this.spec = spec;
      this.cutoff = cutoff;
      this.outputSchema = outputSchema;
    }

    @ProcessElement
    @SuppressWarnings("unchecked")
    public void process(@Element KV<Integer, Iterable<RawUnionValue>> shard, OutputReceiver<Row> out) {
      List<Row> customers = new ArrayList<>();
      Map<String, List<TelemetryReading>> readings = new HashMap<>();
      Map<String, List<Device>> devices = new HashMap<>();
      Map<String, List<Interaction>> interactions = new HashMap<>();
      for (RawUnionValue value : shard.getValue()) {
        KV<String, ?> event = (KV<String, ?>) value.getValue();
        switch (value.getUnionTag()) {
          case CUSTOMER:
            customers.add((Row) event.getValue());
            break;
          case READING:
            readings.computeIfAbsent(event.getKey(), k -> new ArrayList<>()).add((TelemetryReading) event.getValue());
            break;
          case DEVICE:
            devices.computeIfAbsent(event.getKey(), k -> new ArrayList<>()).add((Device) event.getValue());
            break;
          default:
            interactions.computeIfAbsent(event.getKey(), k -> new ArrayList<>()).add((Interaction) event.getValue());
        }
      }
      for (Row customer : customers) {
        String id = customer.getString(DatasetSchema.ID_FIELD);
        List<TelemetryReading> r = readings.remove(id);
        List<Device> d = devices.remove(id);
        List<Interaction> i = interactions.remove(id);
        Double[] features = CustomerFeatures.compute(spec, cutoff, orEmpty(d), orEmpty(r), orEmpty(i));
        out.output(withFeatures(customer, features, outputSchema));
      }
      orphanEvents.inc(count(readings) + count(devices) + count(interactions));
    }

    private static long count(Map<String, ? extends List<?>> leftOver) {
      return leftOver.values().stream().mapToLong(List::size).sum();
    }

    private static <T> List<T> orEmpty(List<T> list) {
      return list == null ? List.of() : list;
    }
  }

  /** The customer's row followed by its feature values, under {@code schema}. */
  public static Row withFeatures(Row customer, Double[] features, Schema schema) {
    List<Object> values = new ArrayList<>(customer.getValues());
    for (Double f : features) {
      values.add(f);
    }
    return Row.withSchema(schema).addValues(values).build();
  }
}
