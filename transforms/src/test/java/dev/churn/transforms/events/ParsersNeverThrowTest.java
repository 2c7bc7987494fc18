package dev.churn.transforms.events;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;

import dev.churn.testdata.TelcoSample;
import dev.churn.transforms.customers.CsvHeader;
import dev.churn.transforms.customers.ParseCustomerFn;
import dev.churn.transforms.io.BadRecordException;
import dev.churn.transforms.io.CsvLine;
import dev.churn.transforms.schema.DatasetSchemaFile;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.Test;

/**
 * Every record parser, given lines made from valid ones by random edits (quotes, separators, braces,
 * control characters, odd numbers, cut-offs, random bytes): each line is either accepted or refused
 * with a {@link BadRecordException} (which the DoFns dead-letter with its reason), never another
 * exception. Seeded, so a failure repeats; {@code -Dchurn.fuzz.tries=N} tries more (the default suite
 * runs {@value #DEFAULT_TRIES} per parser).
 */
public class ParsersNeverThrowTest {
  static final int DEFAULT_TRIES = 3_000;
  private static final int TRIES = Integer.getInteger("churn.fuzz.tries", DEFAULT_TRIES);
  private static final String[] PIECES = {
    ",", "\"", "\"\"", "'", "\\", "{", "}", "[", "]", ":", " ", "\t", "\r", "\n", "\u0000", "\uFEFF", "\uFFFD", "é", "𝔘",
    "NaN", "-NaN", "Infinity", "-Infinity", "1e309", "-1e309", "4.9e-325", "0x1F", "1_000", "1,5", "--1", "+", "-", ".", "e",
    "99999999999999999999999999999999999999", "9223372036854775808", "-0", "null", "true", "{\"a\":", "{\"data\":[1,{\"temp\":2}]}",
    "2020-07-13T00:00:00Z", "2020-13-45T99:99:99Z", "1594600000", "-1594600000", "Yes", "No", "Month-to-month",
  };

  /** Applies {@code parser} to {@link #TRIES} edits of the valid lines; returns how many were accepted. */
  private static int fuzz(String what, List<String> valid, Function<String, Object> parser) {
    Random random = new Random(what.hashCode());
    int accepted = 0;
    for (int t = 0; t < TRIES; t++) {
      String line = edit(valid.get(random.nextInt(valid.size())), random);
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

  private static String edit(String line, Random random) {
    if (random.nextInt(20) == 0) {
      byte[] bytes = new byte[random.nextInt(200)];
      random.nextBytes(bytes);
      return new String(bytes, random.nextBoolean() ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }
    StringBuilder text = new StringBuilder(line);
    for (int e = random.nextInt(4); e >= 0; e--) {
      int at = text.length() == 0 ? 0 : random.nextInt(text.length() + 1);
      switch (random.nextInt(5)) {
        case 0:
          text.insert(at, PIECES[random.nextInt(PIECES.length)]);
          break;
        case 1:
          text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(8)));
          break;
        case 2:
          text.setLength(at);
          break;
        case 3:
          text.insert(at, "{".repeat(random.nextInt(3000)));
          break;
        default:
          // replace the field around the position by an odd value
          int start = Math.max(0, text.lastIndexOf(",", at - 1) + 1);
          int end = text.indexOf(",", at);
          text.replace(start, end < 0 ? text.length() : end, PIECES[random.nextInt(PIECES.length)]);
      }
    }
    return text.toString();
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
