package dev.churn.bench;

import dev.churn.transforms.events.Device;
import dev.churn.transforms.events.TelemetryReading;
import dev.churn.transforms.features.CustomerFeatures;
import dev.churn.transforms.io.BadRecordException;
import dev.churn.transforms.io.CsvLine;
import dev.churn.transforms.schema.DatasetSchema;
import dev.churn.transforms.schema.FeatureSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The feature stage as a plain single-threaded loop: read the device registry into a map, read every
 * telemetry line once, parse it and attach it to its owner, then compute each customer's features with
 * the same {@link CustomerFeatures} the pipeline uses. Lines it cannot parse are skipped (the pipeline
 * dead-letters them).
 */
final class FeatureBaseline {
  private FeatureBaseline() {}

  /** One {@link FeatureBench#line} per customer. */
  static Set<String> compute(GeneratedData data, DatasetSchema schema, double cutoff) {
    FeatureSpec spec = schema.features;
    try {
      Map<String, List<Device>> byDevice = new HashMap<>();
      Map<String, List<Device>> byCustomer = new HashMap<>();
      try (BufferedReader in = Files.newBufferedReader(Paths.get(data.devices()))) {
        List<String> header = CsvLine.split(in.readLine());
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          Device device = Device.parse(line, header);
          byDevice.computeIfAbsent(device.deviceId, d -> new ArrayList<>()).add(device);
          byCustomer.computeIfAbsent(device.customerId, c -> new ArrayList<>()).add(device);
        }
      }
      Map<String, List<TelemetryReading>> readings = new HashMap<>();
      try (BufferedReader in = Files.newBufferedReader(Paths.get(data.telemetry()))) {
        List<String> header = CsvLine.split(in.readLine());
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          try {
            TelemetryReading reading = TelemetryReading.parse(line, header);
            List<Device> installations = byDevice.get(reading.deviceId);
            Device owner = installations == null ? null : Device.ownerAt(installations, reading.ts);
            if (owner != null) {
              readings.computeIfAbsent(owner.customerId, c -> new ArrayList<>()).add(reading);
            }
          } catch (BadRecordException e) {
            // dead-lettered by the pipeline
          }
        }
      }
      Set<String> lines = new TreeSet<>();
      try (BufferedReader in = Files.newBufferedReader(Paths.get(data.customers()))) {
        int idColumn = CsvLine.split(in.readLine()).indexOf(schema.id);
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          String id = CsvLine.split(line).get(idColumn);
          Double[] features =
              CustomerFeatures.compute(
                  spec, cutoff, byCustomer.getOrDefault(id, List.of()), readings.getOrDefault(id, List.of()), List.of());
          lines.add(FeatureBench.line(id, features));
        }
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
