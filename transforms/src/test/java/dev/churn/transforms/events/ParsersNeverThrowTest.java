package dev.churn.transforms.events;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;

import dev.churn.testdata.RandomEdits;
import dev.churn.testdata.TelcoSample;
import dev.churn.transforms.customers.CsvHeader;
import dev.churn.transforms.customers.ParseCustomerFn;
import dev.churn.transforms.io.BadRecordException;
import dev.churn.transforms.io.CsvLine;
import dev.churn.transforms.schema.DatasetSchemaFile;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.Test;

/**
 * Every record parser, given lines made from valid ones by random edits ({@link RandomEdits}): each
 * line is either accepted or refused with a {@link BadRecordException} (which the DoFns dead-letter
 * with its reason), never another exception. Seeded, so a failure repeats; {@code -Dchurn.fuzz.tries=N}
 * tries more (the default suite runs {@value RandomEdits#DEFAULT_TRIES} per parser).
 */
public class ParsersNeverThrowTest {
  /** Applies {@code parser} to {@link RandomEdits#tries()} edits of the valid lines; returns how many were accepted. */
  private static int fuzz(String what, List<String> valid, Function<String, Object> parser) {
    Random random = new Random(what.hashCode());
    int accepted = 0;
    for (int t = RandomEdits.tries(); t > 0; t--) {
      String line = RandomEdits.of(valid, random);
      try {
        if (parser.apply(line) != null) {
          accepted++;
        }
      } catch (BadRecordException refused) {
        // dead-lettered with its reason
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError(what + " threw " + e + " for the line " + CsvLine.join(List.of(line)), e);
      }
    }
    return accepted;
  }

  @Test
  public void customerLines() {
    List<String> lines = TelcoSample.lines();
    ParseCustomerFn parser = new ParseCustomerFn(DatasetSchemaFile.load(DatasetSchemaFile.TELCO), new CsvHeader(CsvLine.split(lines.get(0))), true);
    assertThat(fuzz("customers", lines.subList(1, 200), parser::parse), greaterThan(0));
  }

  @Test
  public void telemetryCsvAndJson() {
    List<String> header = List.of("ts", "device_id", "device", "humidity", "temp");
    List<String> lines =
        List.of(
            "1766536472.331,G0000002-1,iot-device-02,60.2,24.0",
            "2020-07-13T00:00:01Z,b8:27:eb:bf:9d:51,,51.0,22.7",
            "{\"data\":{\"co\":0.0049,\"humidity\":51.0,\"light\":false,\"lpg\":0.0076,\"motion\":false,\"smoke\":0.0204,\"temp\":22.7},"
                + "\"device_id\":\"b8:27:eb:bf:9d:51\",\"ts\":1594512094.3859746}");
    assertThat(fuzz("telemetry", lines, line -> TelemetryReading.parse(line, header)), greaterThan(0));
  }

  @Test
  public void deviceLines() {
    List<String> header = List.of("device_id", "customer_id", "installed_at");
    List<String> lines = List.of("G0000002-1,G0000002,2025-01-25T08:14:28Z", "{\"device_id\":\"d\",\"customer_id\":\"c\",\"installed_at\":1594512094}");
    assertThat(fuzz("devices", lines, line -> Device.parse(line, header)), greaterThan(0));
  }

  @Test
  public void interactionLines() {
    List<String> header = List.of("customer_id", "ts", "channel", "kind");
    List<String> lines = List.of("G0000001,1759588974.644,web,visit", "{\"customer_id\":\"G1\",\"ts\":\"2025-10-01T10:00:00Z\",\"channel\":\"call\"}");
    assertThat(fuzz("interactions", lines, line -> Interaction.parse(RecordFields.parse(line, header))), greaterThan(0));
  }
}
