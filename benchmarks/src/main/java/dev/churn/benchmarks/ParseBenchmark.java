package dev.churn.benchmarks;

import dev.churn.transforms.events.TelemetryReading;
import dev.churn.transforms.io.CsvLine;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Parsing one telemetry message, the first step of every telemetry record (batch and streaming). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ParseBenchmark {
  /** A line of the generator's telemetry.csv and the same message as Kafka carries it. */
  static final List<String> HEADER = List.of("ts", "device_id", "device", "humidity", "temp");

  static final String CSV = "1766534918.083,G0000002-1,iot-device-02,60.2,24.0";
  static final String JSON =
      "{\"ts\":1766534918.083,\"device_id\":\"G0000002-1\",\"device\":\"iot-device-02\",\"humidity\":60.2,\"temp\":24.0}";

  @Benchmark
  public List<String> splitCsvLine() {
    return CsvLine.split(CSV);
  }

  @Benchmark
  public TelemetryReading parseCsvMessage() {
    return TelemetryReading.parse(CSV, HEADER);
  }

  @Benchmark
  public TelemetryReading parseJsonMessage() {
    return TelemetryReading.parse(JSON, null);
  }
}
