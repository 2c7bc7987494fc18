package dev.churn.transforms.features;

import dev.churn.transforms.schema.FeatureSpec;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;

import dev.churn.transforms.events.Device;
import dev.churn.transforms.events.Interaction;
import dev.churn.transforms.events.TelemetryReading;
import dev.churn.transforms.schema.DatasetSchema.NumericColumn;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.Test;

public class CustomerFeaturesTest {
  private static final double T = 1_700_000_000;
  private static final double HOUR = 3600;
  private static final double DAY = 86400;

  private static FeatureSpec spec() {
    FeatureSpec spec = new FeatureSpec();
    spec.interactions = true;
    spec.telemetry = true;
    return spec;
  }

  private static double value(FeatureSpec spec, Double[] values, String column) {
    Double v = nullable(spec, values, column);
    if (v == null) {
      throw new AssertionError(column + " is null");
    }
    return v;
  }

  private static Double nullable(FeatureSpec spec, Double[] values, String column) {
    List<NumericColumn> columns = spec.columns();
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name.equals(column)) {
        return values[i];
      }
    }
    throw new AssertionError("no column " + column);
  }

  private static List<TelemetryReading> hourly(String device, int hours, double temp) {
    List<TelemetryReading> readings = new ArrayList<>();
    for (int h = 1; h <= hours; h++) {
      readings.add(new TelemetryReading(device, T - h * HOUR + 1, temp + (h % 2) * 0.2, 50));
    }
    return readings;
  }

  private static final List<Device> DEVICES = List.of(new Device("d1", "c1", T - 30 * DAY));

  @Test
  public void anEventAtOrAfterTheCutoffChangesNoFeature() {
    FeatureSpec spec = spec();
    List<TelemetryReading> readings = hourly("d1", 48, 21);
    List<Interaction> interactions = new ArrayList<>(List.of(new Interaction("c1", T - 2 * DAY, "call", "complaint")));
    Double[] before = CustomerFeatures.compute(spec, T, DEVICES, readings, interactions);

    readings.add(new TelemetryReading("d1", T, 80, 0));
    readings.add(new TelemetryReading("d1", T + 10, -40, 100));
    interactions.add(new Interaction("c1", T, "call", "cancel"));
    interactions.add(new Interaction("c1", T + DAY, "web", null));
    List<Device> devices = new ArrayList<>(DEVICES);
    devices.add(new Device("d2", "c1", T));
    assertArrayEquals(before, CustomerFeatures.compute(spec, T, devices, readings, interactions));

    // and the same events a moment before the cutoff do change them
    interactions.add(new Interaction("c1", T - 1, "call", "cancel"));
    assertNotEquals(value(spec, before, "call_7d"), value(spec, CustomerFeatures.compute(spec, T, devices, readings, interactions), "call_7d"), 0);
  }

  @Test
  public void redeliveredMessagesCountOnceAndArrivalOrderDoesNotMatter() {
    FeatureSpec spec = spec();
    List<TelemetryReading> readings = hourly("d1", 30, 21);
    Double[] once = CustomerFeatures.compute(spec, T, DEVICES, readings, List.of());
    List<TelemetryReading> twice = new ArrayList<>(readings);
    twice.addAll(readings.subList(0, 10));
    Collections.shuffle(twice, new Random(7));
    assertArrayEquals(once, CustomerFeatures.compute(spec, T, DEVICES, twice, List.of()));
    assertEquals(24.0 / 24, value(spec, once, "readings_per_hour_24h"), 1e-12);
    assertEquals(30.0 / 168, value(spec, once, "readings_per_hour_168h"), 1e-12);
  }

  @Test
  public void aSpikeAgainstBothNeighboursIsAGlitchAndLeftOutOfTheStatistics() {
    FeatureSpec spec = spec();
    List<TelemetryReading> readings = hourly("d1", 10, 21);
    readings.set(4, new TelemetryReading("d1", readings.get(4).ts, 6.1, 50)); // a DHT22 read error
    readings.set(6, new TelemetryReading("d1", readings.get(6).ts, 21.1, 85)); // humidity read error
    Double[] values = CustomerFeatures.compute(spec, T, DEVICES, readings, List.of());
    assertEquals(2, value(spec, values, "glitches_24h"), 0);
    assertEquals(21.0, value(spec, values, "temp_min_24h"), 1e-9);
    assertEquals(50.0, value(spec, values, "humidity_max_24h"), 1e-9);
    assertEquals(10, value(spec, values, "readings_per_hour_24h") * 24, 1e-9);

    // a lasting change (the heating went off) is weather, not a glitch
    List<TelemetryReading> step = hourly("d1", 10, 21);
    for (int i = 0; i < 5; i++) {
      step.set(i, new TelemetryReading("d1", step.get(i).ts, 6, 50));
    }
    assertEquals(0, value(spec, CustomerFeatures.compute(spec, T, DEVICES, step, List.of()), "glitches_24h"), 0);
  }

  @Test
  public void aCustomerWithoutEventsGetsDefinedFeatures() {
    FeatureSpec spec = spec();
    Double[] values = CustomerFeatures.compute(spec, T, List.of(), List.of(), List.of());
    assertEquals(spec.columns().size(), values.length);
    assertEquals(0, value(spec, values, "devices"), 0);
    assertEquals(0, value(spec, values, "interactions_90d"), 0);
    assertEquals(90, value(spec, values, "days_since_contact"), 0);
    assertEquals(168, value(spec, values, "telemetry_silence_hours"), 0);
    assertEquals(0, value(spec, values, "glitches_24h"), 0);
    assertNull("no readings: no temperature (imputed by the model's preparation)", nullable(spec, values, "temp_mean_24h"));
  }

  @Test
  public void windowsCountChannelsAndRecency() {
    FeatureSpec spec = spec();
    List<Interaction> interactions =
        List.of(
            new Interaction("c1", T - 3 * DAY, "call", null),
            new Interaction("c1", T - 10 * DAY, "call", null),
            new Interaction("c1", T - 40 * DAY, "web", null),
            new Interaction("c1", T - 100 * DAY, "web", null),
            new Interaction("c1", T - 5 * DAY, "fax", null));
    Double[] values = CustomerFeatures.compute(spec, T, DEVICES, hourly("d1", 3, 20), interactions);
    assertEquals(1, value(spec, values, "call_7d"), 0);
    assertEquals(2, value(spec, values, "call_30d"), 0);
    assertEquals(2, value(spec, values, "interactions_7d"), 0); // an unknown channel still counts as a contact
    assertEquals(4, value(spec, values, "interactions_90d"), 0);
    assertEquals(1, value(spec, values, "web_90d"), 0);
    assertEquals(3, value(spec, values, "days_since_contact"), 1e-9);
    assertEquals(1 - 1 / HOUR, value(spec, values, "telemetry_silence_hours"), 1e-9);
    assertEquals(1, value(spec, values, "devices"), 0);
  }
}
