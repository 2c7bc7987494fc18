package dev.churn.testdata;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.ZipInputStream;

/**
 * One day of real telemetry from three sensor devices (50,270 MQTT messages as a JSON array), shipped
 * zipped as published by its author; see this module's README for its source, licence and quirks.
 */
public final class TelemetrySample {
  public static final String RESOURCE = "iot/raw_data_xlarge.json.zip";
  public static final int MESSAGES = 50_270;

  /** The three devices' ids, in the order of their names iot-device-01 to -03. */
  public static final List<String> DEVICES =
      List.of("0e:9c:00:4c:1c:51", "5e:44:3b:f3:79:c8", "f3:6b:f4:34:c0:17");

  /** First and last message time (epoch seconds). */
  public static final double FIRST_TS = 1594598424.5023336;

  public static final double LAST_TS = 1594685070.3812227;

  private TelemetrySample() {}

  /** Unzips the JSON array to {@code folder/raw_data_xlarge.json} and returns its path. */
  public static Path unzipTo(Path folder) throws IOException {
    Files.createDirectories(folder);
    Path target = folder.resolve("raw_data_xlarge.json");
    try (InputStream in = TelemetrySample.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + RESOURCE + " is missing from the classpath");
      }
      try (ZipInputStream zip = new ZipInputStream(in)) {
        if (zip.getNextEntry() == null) {
          throw new IOException(RESOURCE + " holds no file");
        }
        Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return target;
  }

  /**
   * Writes a device registry that gives device {@code i} to customer {@code customers.get(i)},
   * installed a day before the sample starts.
   */
  public static Path writeRegistry(Path file, List<String> customers) throws IOException {
    StringBuilder csv = new StringBuilder("device_id,customer_id,installed_at\n");
    for (int i = 0; i < DEVICES.size(); i++) {
      csv.append(DEVICES.get(i)).append(',').append(customers.get(i)).append(",2020-07-12T00:00:00Z\n");
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    return Files.writeString(file, csv);
  }
}
