package dev.churn.testdata.generate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churn.testdata.TelemetrySample;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipInputStream;

/**
 * How one of the real sample's devices behaves, measured from the sample when the generator starts:
 * temperature and humidity (mean, standard deviation, without read errors), the share of read errors
 * (a reading more than 5 °C or 15 points away from both neighbours) and the share of redelivered
 * messages.
 */
final class DeviceProfile {
  final String name;
  final double tempMean;
  final double tempStd;
  final double humidityMean;
  final double humidityStd;
  final double glitchRate;
  final double duplicateRate;

  private DeviceProfile(String name, double[] temp, double[] humidity, double glitchRate, double duplicateRate) {
    this.name = name;
    this.tempMean = temp[0];
    this.tempStd = temp[1];
    this.humidityMean = humidity[0];
    this.humidityStd = humidity[1];
    this.glitchRate = glitchRate;
    this.duplicateRate = duplicateRate;
  }

  /** The three devices of the real telemetry sample, in name order. */
  static List<DeviceProfile> fromSample() {
    Map<String, List<double[]>> byDevice = new TreeMap<>(); // name -> (ts, temp, humidity)
    ObjectMapper json = new ObjectMapper();
    try (InputStream in = DeviceProfile.class.getClassLoader().getResourceAsStream(TelemetrySample.RESOURCE);
        ZipInputStream zip = new ZipInputStream(in)) {
      zip.getNextEntry();
      try (JsonParser parser = json.getFactory().createParser(zip)) {
        parser.nextToken();
        for (JsonToken t = parser.nextToken(); t == JsonToken.START_OBJECT; t = parser.nextToken()) {
          JsonNode m = json.readTree(parser);
          byDevice.computeIfAbsent(m.get("device").asText(), d -> new ArrayList<>())
              .add(new double[] {m.get("ts").asDouble(), m.get("data").get("temp").asDouble(), m.get("data").get("humidity").asDouble()});
        }
      }
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("cannot read the telemetry sample " + TelemetrySample.RESOURCE, e);
    }
    List<DeviceProfile> profiles = new ArrayList<>();
    byDevice.forEach((name, readings) -> profiles.add(measure(name, readings)));
    return profiles;
  }

  private static DeviceProfile measure(String name, List<double[]> readings) {
    readings.sort((a, b) -> Double.compare(a[0], b[0]));
    int duplicates = 0;
    int glitches = 0;
    double[] tempSums = new double[3];
    double[] humiditySums = new double[3];
    for (int i = 0; i < readings.size(); i++) {
      double[] r = readings.get(i);
      if (i > 0 && readings.get(i - 1)[0] == r[0]) {
        duplicates++;
        continue;
      }
      if (i > 0 && i + 1 < readings.size()
          && (spike(readings.get(i - 1)[1], r[1], readings.get(i + 1)[1], 5)
              || spike(readings.get(i - 1)[2], r[2], readings.get(i + 1)[2], 15))) {
        glitches++;
        continue;
      }
      add(tempSums, r[1]);
      add(humiditySums, r[2]);
    }
    return new DeviceProfile(
        name, meanStd(tempSums), meanStd(humiditySums), glitches / (double) readings.size(), duplicates / (double) readings.size());
  }

  private static boolean spike(double before, double value, double after, double jump) {
    return Math.min(value - before, value - after) > jump || Math.min(before - value, after - value) > jump;
  }

  private static void add(double[] sums, double x) {
    sums[0]++;
    sums[1] += x;
    sums[2] += x * x;
  }

  private static double[] meanStd(double[] sums) {
    double mean = sums[1] / sums[0];
    return new double[] {mean, Math.sqrt(Math.max(0, sums[2] / sums[0] - mean * mean))};
  }
}
