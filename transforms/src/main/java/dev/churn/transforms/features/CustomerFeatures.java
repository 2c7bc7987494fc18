package dev.churn.transforms.features;

import dev.churn.transforms.events.Device;
import dev.churn.transforms.events.Interaction;
import dev.churn.transforms.events.TelemetryReading;
import dev.churn.transforms.schema.FeatureSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One customer's event features as of a cutoff: a pure function of the events, shared by batch and
 * streaming so that both compute the same values. Only events strictly before the cutoff count, and
 * the result does not depend on the order the events arrive in. Redelivered telemetry messages (same
 * device, same time) count once.
 */
public final class CustomerFeatures {
  private static final double DAY = 86_400;
  private static final double HOUR = 3_600;

  private CustomerFeatures() {}

  /** Values in the order of {@link FeatureSpec#columns()}; null where a value does not exist (imputed). */
  public static Double[] compute(
      FeatureSpec spec,
      double cutoff,
      Iterable<Device> devices,
      Iterable<TelemetryReading> readings,
      Iterable<Interaction> interactions) {
    List<Double> values = new ArrayList<>();
    if (spec.interactions) {
      addInteractionFeatures(spec, cutoff, interactions, values);
    }
    if (spec.telemetry) {
      addTelemetryFeatures(spec, cutoff, devices, readings, values);
    }
    return values.toArray(new Double[0]);
  }

  private static void addInteractionFeatures(FeatureSpec spec, double cutoff, Iterable<Interaction> interactions, List<Double> values) {
    double maxDays = spec.maxInteractionDays();
    double last = Double.NEGATIVE_INFINITY;
    List<Interaction> before = new ArrayList<>();
    for (Interaction i : interactions) {
      if (i.ts < cutoff && i.ts >= cutoff - maxDays * DAY) {
        before.add(i);
        last = Math.max(last, i.ts);
      }
    }
    for (int days : spec.interactionWindowsDays) {
      double from = cutoff - days * DAY;
      long total = before.stream().filter(i -> i.ts >= from).count();
      values.add((double) total);
      for (String channel : spec.channels) {
        values.add((double) before.stream().filter(i -> i.ts >= from && i.channel.equals(channel)).count());
      }
    }
    values.add(before.isEmpty() ? maxDays : Math.min(maxDays, (cutoff - last) / DAY));
  }

  private static void addTelemetryFeatures(
      FeatureSpec spec, double cutoff, Iterable<Device> devices, Iterable<TelemetryReading> readings, List<Double> values) {
    long installed = 0;
    for (Device d : devices) {
      if (d.installedAt < cutoff) {
        installed++;
      }
    }
    values.add((double) installed);

    double maxHours = spec.maxTelemetryHours();
    List<TelemetryReading> window = new ArrayList<>();
    for (TelemetryReading r : readings) {
      if (r.ts < cutoff && r.ts >= cutoff - maxHours * HOUR) {
        window.add(r);
      }
    }
    window.sort(TelemetryReading.ORDER);
    List<TelemetryReading> unique = new ArrayList<>();
    for (TelemetryReading r : window) {
      if (unique.isEmpty() || !unique.get(unique.size() - 1).sameMessage(r)) {
        unique.add(r);
      }
    }
    boolean[] glitch = glitches(spec, unique);
    double last = unique.isEmpty() ? Double.NEGATIVE_INFINITY : unique.get(unique.size() - 1).ts;
    values.add(unique.isEmpty() ? maxHours : Math.min(maxHours, (cutoff - last) / HOUR));

    for (int hours : spec.telemetryWindowsHours) {
      double from = cutoff - hours * HOUR;
      Stats temp = new Stats();
      Stats humidity = new Stats();
      long count = 0;
      long glitches = 0;
      for (int i = 0; i < unique.size(); i++) {
        TelemetryReading r = unique.get(i);
        if (r.ts < from) {
          continue;
        }
        count++;
        if (glitch[i]) {
          glitches++;
        } else {
          temp.add(r.temp);
          humidity.add(r.humidity);
        }
      }
      temp.addTo(values);
      humidity.addTo(values);
      values.add(count / (double) hours);
      values.add((double) glitches);
    }
  }

  /**
   * Marks readings that jump away from both neighbours of the same device in the same direction by more
   * than the spec's limits: a DHT22 read error, not the weather. The first and last reading of a device
   * have one neighbour and are never glitches.
   */
  static boolean[] glitches(FeatureSpec spec, List<TelemetryReading> sorted) {
    Map<String, List<Integer>> byDevice = new LinkedHashMap<>();
    for (int i = 0; i < sorted.size(); i++) {
      byDevice.computeIfAbsent(sorted.get(i).deviceId, d -> new ArrayList<>()).add(i);
    }
    boolean[] glitch = new boolean[sorted.size()];
    for (List<Integer> positions : byDevice.values()) {
      for (int k = 1; k + 1 < positions.size(); k++) {
        TelemetryReading before = sorted.get(positions.get(k - 1));
        TelemetryReading r = sorted.get(positions.get(k));
        TelemetryReading after = sorted.get(positions.get(k + 1));
        glitch[positions.get(k)] =
            spike(before.temp, r.temp, after.temp, spec.glitchTempJump)
                || spike(before.humidity, r.humidity, after.humidity, spec.glitchHumidityJump);
      }
    }
    return glitch;
  }

  private static boolean spike(double before, double value, double after, double jump) {
    double up = Math.min(value - before, value - after);
    double down = Math.min(before - value, after - value);
    return up > jump || down > jump;
  }

  /** Mean, min, max and spread (population standard deviation) of one measure; null without values. */
  private static final class Stats {
    private long n;
    private double sum;
    private double sumSquares;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    void add(double x) {
      n++;
      sum += x;
      sumSquares += x * x;
      min = Math.min(min, x);
      max = Math.max(max, x);
    }

    void addTo(List<Double> values) {
      if (n == 0) {
        values.add(null);
        values.add(null);
        values.add(null);
        values.add(null);
        return;
      }
      double mean = sum / n;
      values.add(mean);
      values.add(min);
      values.add(max);
      values.add(Math.sqrt(Math.max(0, sumSquares / n - mean * mean)));
    }
  }
}
