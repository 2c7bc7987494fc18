package dev.churn.benchmarks;

import dev.churn.transforms.events.Device;
import dev.churn.transforms.events.TelemetryReading;
import dev.churn.transforms.features.CustomerFeatures;
import dev.churn.transforms.schema.FeatureSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One customer's telemetry features from its readings: what the batch join computes per customer and
 * what streaming recomputes at each emission. Readings arrive shuffled, with 2 % redelivered.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FeatureBenchmark {
  private static final double CUTOFF = 1_767_225_600; // 2026-01-01

  /** 192 is one device at 24 readings a day over the 8-day window; 2,304 is a device a minute for a day and a half. */
  @Param({"192", "2304"})
  public int readings;

  private final FeatureSpec spec = new FeatureSpec();
  private final List<Device> devices = List.of(new Device("d-1", "c-1", CUTOFF - 100 * 86_400));
  private final List<TelemetryReading> messages = new ArrayList<>();

  @Setup
  public void setup() {
    spec.telemetry = true;
    Random random = new Random(7);
    double step = 8 * 86_400.0 / readings;
    for (int i = 0; i < readings; i++) {
      double ts = CUTOFF - 8 * 86_400 + i * step;
      TelemetryReading r = new TelemetryReading("d-1", ts, 20 + 3 * random.nextGaussian(), 50 + 10 * random.nextGaussian());
      messages.add(r);
      if (random.nextDouble() < 0.02) {
        messages.add(r);
      }
    }
    Collections.shuffle(messages, random);
  }

  @Benchmark
  public Double[] telemetryFeatures() {
    return CustomerFeatures.compute(spec, CUTOFF, devices, messages, List.of());
  }
}
