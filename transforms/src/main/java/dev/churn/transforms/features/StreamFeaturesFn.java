package dev.churn.transforms.features;

import dev.churn.transforms.customers.DeadLetter;
import dev.churn.transforms.events.Device;
import dev.churn.transforms.events.EventTime;
import dev.churn.transforms.events.Interaction;
import dev.churn.transforms.events.ParseTelemetryFn;
import dev.churn.transforms.events.TelemetryReading;
import dev.churn.transforms.schema.DatasetSchema;
import dev.churn.transforms.schema.FeatureSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.state.BagState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.TimerMap;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.joda.time.Instant;

/**
 * Keeps one customer's recent telemetry in state and emits the customer with its features as of each
 * emission time T (every {@code emitEvery} seconds, aligned to the epoch) at which new readings arrived:
 * when the watermark passes T, the features are computed from the readings before T, exactly as the
 * batch pipeline computes them with cutoff T ({@link CustomerFeatures}, the same function).
 *
 * <p>A reading older than the last emission is late. Within {@code allowedLateness} it is added and the
 * last emission is repeated with the corrected features; later than that it goes to the dead-letter
 * output (it can no longer change what was emitted), as do readings of customers missing from the
 * customers input. Readings older than the widest window are dropped
 * from state at each emission.
 */
public final class StreamFeaturesFn extends DoFn<KV<String, TelemetryReading>, Row> {
  public static final TupleTag<Row> FEATURES = new TupleTag<>() {};
  public static final TupleTag<DeadLetter> REJECTED = new TupleTag<>() {};

  private final FeatureSpec spec;
  private final Schema outputSchema;
  private final double emitEvery;
  private final double allowedLateness;
  private final PCollectionView<Map<String, Row>> customers;
  private final PCollectionView<Map<String, Iterable<Device>>> devices;
  private final PCollectionView<Map<String, Iterable<Interaction>>> interactions;
  private final Counter tooLate = Metrics.counter(ParseTelemetryFn.METRICS, "too_late");
  private final Counter unknownCustomer = Metrics.counter(ParseTelemetryFn.METRICS, "unknown_customer");
  /** With the parser's: every telemetry dead letter. */
  private final Counter deadLettered = Metrics.counter(ParseTelemetryFn.METRICS, "dead_lettered");

  @StateId("readings")
  private final StateSpec<BagState<TelemetryReading>> readingsSpec = StateSpecs.bag(TelemetryReading.Coder.of());

  @StateId("lastEmitted")
  private final StateSpec<ValueState<Double>> lastEmittedSpec = StateSpecs.value(DoubleCoder.of());

  /** The customer's row, devices and interactions, copied from the side inputs at its first reading. */
  @StateId("customer")
  private final StateSpec<ValueState<CustomerContext>> customerSpec = StateSpecs.value(SerializableCoder.of(CustomerContext.class));

  /**
   * One timer per emission time with new readings, set as the readings arrive (not one after the other
   * from each firing: when a bounded input ends, the watermark jumps to the end of time at once).
   */
  @TimerFamily("emit")
  private final TimerSpec emitSpec = TimerSpecs.timerMap(TimeDomain.EVENT_TIME);

  /**
   * @param emitEvery seconds between emission times
   * @param allowedLateness seconds a reading may arrive after its features were emitted
   * @param customers customer rows by id (the static attributes scored with the features)
   * @param devices device installations by customer id
   * @param interactions interactions by customer id (empty when the spec has no interaction features)
   */
  public StreamFeaturesFn(
      DatasetSchema schema,
      double emitEvery,
      double allowedLateness,
      PCollectionView<Map<String, Row>> customers,
      PCollectionView<Map<String, Iterable<Device>>> devices,
      PCollectionView<Map<String, Iterable<Interaction>>> interactions) {
    this.spec = schema.features;
    this.outputSchema = schema.featureRowSchema();
    this.emitEvery = emitEvery;
    this.allowedLateness = allowedLateness;
    this.customers = customers;
    this.devices = devices;
    this.interactions = interactions;
  }

  public Schema outputSchema() {
    return outputSchema;
  }

  /** The first emission time after a reading: the end of the interval it falls in. */
  double emissionAfter(double ts) {
    return (Math.floor(ts / emitEvery) + 1) * emitEvery;
  }

  @ProcessElement
  public void process(
      ProcessContext context,
      @StateId("readings") BagState<TelemetryReading> readings,
      @StateId("lastEmitted") ValueState<Double> lastEmitted,
      @StateId("customer") ValueState<CustomerContext> customer,
      @TimerFamily("emit") TimerMap emit) {
    String customerId = context.element().getKey();
    if (customer.read() == null) {
      Row row = context.sideInput(customers).get(customerId);
      if (row == null) {
        unknownCustomer.inc();
        deadLettered.inc();
        context.output(REJECTED, rejected("device " + context.element().getValue().deviceId + " belongs to customer " + customerId + ", who is not in the customers file", context.element().getValue()));
        return;
      }
      customer.write(
          new CustomerContext(row, list(context.sideInput(devices).get(customerId)), list(context.sideInput(interactions).get(customerId))));
    }
    TelemetryReading reading = context.element().getValue();
    Double last = lastEmitted.read();
    if (last != null && reading.ts < last) {
      if (reading.ts < last - allowedLateness) {
        tooLate.inc();
        deadLettered.inc();
        context.output(
            REJECTED,
            rejected(
                "reading at " + EventTime.format(reading.ts) + " arrived after features as of " + EventTime.format(last)
                    + " were emitted, beyond the allowed lateness of " + Math.round(allowedLateness) + " s",
                reading));
        return;
      }
      readings.add(reading);
      context.outputWithTimestamp(features(customer.read(), last, readings), instant(last));
      return;
    }
    readings.add(reading);
    double at = emissionAfter(reading.ts);
    emit.set(Long.toString(Math.round(at * 1000)), instant(at));
  }

  @OnTimerFamily("emit")
  public void onEmit(
      OnTimerContext context,
      @StateId("readings") BagState<TelemetryReading> readings,
      @StateId("lastEmitted") ValueState<Double> lastEmitted,
      @StateId("customer") ValueState<CustomerContext> customer) {
    double at = context.timestamp().getMillis() / 1000.0;
    context.output(features(customer.read(), at, readings));
    Double last = lastEmitted.read();
    if (last == null || at > last) {
      lastEmitted.write(at);
      // keep what this and later emissions can still need
      double keepFrom = at - spec.maxTelemetryHours() * 3600;
      List<TelemetryReading> kept = new ArrayList<>();
      for (TelemetryReading r : readings.read()) {
        if (r.ts >= keepFrom) {
          kept.add(r);
        }
      }
      readings.clear();
      kept.forEach(readings::add);
    }
  }

  private Row features(CustomerContext customer, double cutoff, BagState<TelemetryReading> readings) {
    Double[] features = CustomerFeatures.compute(spec, cutoff, customer.devices, readings.read(), customer.interactions);
    return AddFeatures.withFeatures(customer.row, features, outputSchema);
  }

  private static DeadLetter rejected(String reason, TelemetryReading reading) {
    return new DeadLetter("telemetry stream", 0, reason, reading.toString());
  }

  private static <T> ArrayList<T> list(Iterable<T> events) {
    ArrayList<T> list = new ArrayList<>();
    if (events != null) {
      events.forEach(list::add);
    }
    return list;
  }

  /** What a customer's features are computed with besides its telemetry. */
  static final class CustomerContext implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    final Row row;
    final ArrayList<Device> devices;
    final ArrayList<Interaction> interactions;

    CustomerContext(Row row, ArrayList<Device> devices, ArrayList<Interaction> interactions) {
      this.row = row;
      this.devices = devices;
      this.interactions = interactions;
    }
  }

  private static Instant instant(double seconds) {
    return Instant.ofEpochMilli(Math.round(seconds * 1000));
  }
}
