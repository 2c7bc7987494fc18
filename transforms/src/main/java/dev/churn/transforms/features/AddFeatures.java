package dev.churn.transforms.features;

import dev.churn.transforms.customers.KeepFirstPerCustomerFn;
import dev.churn.transforms.events.CustomerEvents;
import dev.churn.transforms.events.Device;
import dev.churn.transforms.events.Interaction;
import dev.churn.transforms.events.TelemetryReading;
import dev.churn.transforms.schema.DatasetSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Joins customers with their events and adds the event features as of the cutoff (batch). Events are
 * grouped with their customer by a shard of the customer id, not by the id itself (a fixed number of
 * groups keeps the DirectRunner fast). Events of customers not in the customers input are counted in
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

  private static final TupleTag<Row> CUSTOMERS = new TupleTag<>() {};
  private static final TupleTag<KV<String, TelemetryReading>> READINGS = new TupleTag<>() {};
  private static final TupleTag<KV<String, Device>> DEVICES = new TupleTag<>() {};
  private static final TupleTag<KV<String, Interaction>> INTERACTIONS = new TupleTag<>() {};

  @Override
  public PCollection<Row> expand(PCollection<Row> customers) {
    FeatureSpec spec = schema.features;
    double cutoff = this.cutoff;
    double telemetryFrom = cutoff - spec.maxTelemetryHours() * 3600;
    double interactionsFrom = cutoff - spec.maxInteractionDays() * 86400;
    Schema outputSchema = schema.featureRowSchema();

    PCollection<KV<Integer, Row>> keyedCustomers =
        customers
            .apply("CustomerShard", WithKeys.<Integer, Row>of(r -> KeepFirstPerCustomerFn.shardOf(r.getString(DatasetSchema.ID_FIELD))).withKeyType(TypeDescriptors.integers()))
            .setCoder(KvCoder.of(VarIntCoder.of(), RowCoder.of(customers.getSchema())));
    PCollection<KV<Integer, KV<String, TelemetryReading>>> readings =
        events
            .readings
            .apply("ReadingsInWindow", Filter.by(r -> r.getValue().ts < cutoff && r.getValue().ts >= telemetryFrom))
            .apply("ReadingShard", byShard())
            .setCoder(KvCoder.of(VarIntCoder.of(), CustomerEvents.READING_CODER));
    PCollection<KV<Integer, KV<String, Device>>> devices =
        events.devices.apply("DeviceShard", byShard()).setCoder(KvCoder.of(VarIntCoder.of(), CustomerEvents.DEVICE_CODER));
    PCollection<KV<Integer, KV<String, Interaction>>> interactions =
        events
            .interactions
            .apply("InteractionsInWindow", Filter.by(i -> i.getValue().ts < cutoff && i.getValue().ts >= interactionsFrom))
            .apply("InteractionShard", byShard())
            .setCoder(KvCoder.of(VarIntCoder.of(), CustomerEvents.INTERACTION_CODER));

    return KeyedPCollectionTuple.of(CUSTOMERS, keyedCustomers)
        .and(READINGS, readings)
        .and(DEVICES, devices)
        .and(INTERACTIONS, interactions)
        .apply("GroupByCustomerShard", CoGroupByKey.create())
        .apply("ComputeFeatures", ParDo.of(new ComputeFeaturesFn(spec, cutoff, outputSchema)))
        .setRowSchema(outputSchema);
  }

  private static <V> WithKeys<Integer, KV<String, V>> byShard() {
    return WithKeys.<Integer, KV<String, V>>of(kv -> KeepFirstPerCustomerFn.shardOf(kv.getKey()))
        .withKeyType(TypeDescriptors.integers());
  }

  static final class ComputeFeaturesFn extends DoFn<KV<Integer, CoGbkResult>, Row> {
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
    public void process(@Element KV<Integer, CoGbkResult> shard, OutputReceiver<Row> out) {
      CoGbkResult result = shard.getValue();
      Map<String, List<TelemetryReading>> readings = byCustomer(result.getAll(READINGS));
      Map<String, List<Device>> devices = byCustomer(result.getAll(DEVICES));
      Map<String, List<Interaction>> interactions = byCustomer(result.getAll(INTERACTIONS));
      for (Row customer : result.getAll(CUSTOMERS)) {
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

    private static <V> Map<String, List<V>> byCustomer(Iterable<KV<String, V>> events) {
      Map<String, List<V>> map = new HashMap<>();
      for (KV<String, V> event : events) {
        map.computeIfAbsent(event.getKey(), k -> new ArrayList<>()).add(event.getValue());
      }
      return map;
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
