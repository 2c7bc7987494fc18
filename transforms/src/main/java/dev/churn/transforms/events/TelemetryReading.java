package dev.churn.transforms.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/**
 * One telemetry message of a device: when ({@code ts}, epoch seconds), which device, and the DHT22
 * readings the features use (temperature in °C, relative humidity in %).
 */
public final class TelemetryReading implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The columns a telemetry CSV file must have. */
  public static final List<String> REQUIRED_COLUMNS = List.of("ts", "device_id", "temp", "humidity");

  /** The DHT22's measuring range; a value outside it is a broken record, not a reading. */
  static final double MIN_TEMP = -40;

  static final double MAX_TEMP = 80;

  /** Time, then device, then values: the order readings are deduplicated and walked in. */
  public static final Comparator<TelemetryReading> ORDER =
      Comparator.comparingDouble((TelemetryReading r) -> r.ts)
          .thenComparing(r -> r.deviceId)
          .thenComparingDouble(r -> r.temp)
          .thenComparingDouble(r -> r.humidity);

  public final String deviceId;
  public final double ts;
  public final double temp;
  public final double humidity;

  public TelemetryReading(String deviceId, double ts, double temp, double humidity) {
    this.deviceId = deviceId;
    this.ts = ts;
    this.temp = temp;
    this.humidity = humidity;
  }

  /**
   * Parses one telemetry message (a CSV line under {@code csvHeader}, or a JSON object).
   *
   * @throws dev.churn.transforms.io.BadRecordException naming what is wrong
   */
  public static TelemetryReading parse(String text, List<String> csvHeader) {
    return parse(RecordFields.parse(text, csvHeader));
  }

  static TelemetryReading parse(RecordFields fields) {
    return new TelemetryReading(
        fields.text("device_id"),
        fields.epochSeconds("ts"),
        fields.number("temp", MIN_TEMP, MAX_TEMP),
        fields.number("humidity", 0, 100));
  }

  /**
   * The event time of a telemetry record (epoch seconds), or null when it has none that parses: a
   * source uses it to stamp records in event time before they are validated.
   */
  public static Double eventTimeOf(String text, List<String> csvHeader) {
    try {
      return RecordFields.parse(text, csvHeader).epochSeconds("ts");
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** A redelivered message: same device and time. */
  public boolean sameMessage(TelemetryReading other) {
    return ts == other.ts && deviceId.equals(other.deviceId);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TelemetryReading
        && ((TelemetryReading) o).ts == ts
        && ((TelemetryReading) o).temp == temp
        && ((TelemetryReading) o).humidity == humidity
        && ((TelemetryReading) o).deviceId.equals(deviceId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(deviceId, ts, temp, humidity);
  }

  @Override
  public String toString() {
    return deviceId + "@" + ts + " temp " + temp + " humidity " + humidity;
  }

  /** A compact coder: telemetry is the largest input. */
  public static final class Coder extends CustomCoder<TelemetryReading> {
    private static final long serialVersionUID = 1L;
    private static final StringUtf8Coder TEXT = StringUtf8Coder.of();
    private static final DoubleCoder NUMBER = DoubleCoder.of();

    public static Coder of() {
      return new Coder();
    }

    @Override
    public void encode(TelemetryReading value, OutputStream out) throws IOException {
      TEXT.encode(value.deviceId, out);
      NUMBER.encode(value.ts, out);
      NUMBER.encode(value.temp, out);
      NUMBER.encode(value.humidity, out);
    }

    @Override
    public TelemetryReading decode(InputStream in) throws IOException {
      return new TelemetryReading(TEXT.decode(in), NUMBER.decode(in), NUMBER.decode(in), NUMBER.decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
