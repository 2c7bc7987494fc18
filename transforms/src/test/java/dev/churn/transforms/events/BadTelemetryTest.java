package dev.churn.transforms.events;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;

import dev.churn.transforms.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Malformed telemetry goes to the dead-letter output with its reason; good messages still count. */
public class BadTelemetryTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final transient TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void eachBadMessageIsDeadLetteredWithItsReason() throws Exception {
    Path devices = Files.writeString(folder.getRoot().toPath().resolve("devices.csv"),
        "device_id,customer_id,installed_at\nd1,c1,2020-01-01\nd2,c2,2020-07-01T00:00:00Z\nd3,,2020-01-01\n");
    Path messages = Files.writeString(folder.getRoot().toPath().resolve("telemetry.jsonl"), String.join("\n",
        "{\"device_id\":\"d1\",\"ts\":1594598424.5,\"data\":{\"temp\":21.5,\"humidity\":50}}",
        "{\"device_id\":\"d1\",\"ts\":1594598424.5,\"data\":{\"temp\":21.5,\"humidity\":",
        "{\"device_id\":\"d1\",\"ts\":1594598430,\"data\":{\"humidity\":50}}",
        "{\"device_id\":\"d1\",\"ts\":1594598431,\"data\":{\"temp\":\"warm\",\"humidity\":50}}",
        "{\"device_id\":\"d9\",\"ts\":1594598432,\"data\":{\"temp\":20,\"humidity\":50}}",
        "{\"device_id\":\"d1\",\"ts\":1594598433,\"data\":{\"temp\":200,\"humidity\":50}}",
        "{\"device_id\":\"d2\",\"ts\":1590000000,\"data\":{\"temp\":20,\"humidity\":50}}",
        "[1, 2]",
        "{\"device_id\":\"d2\",\"ts\":\"2020-07-13T00:00:00Z\",\"data\":{\"temp\":20,\"humidity\":50}}"));
    CustomerEvents events =
        CustomerEvents.read(
            pipeline,
            EventInput.check("telemetry", messages.toString(), TelemetryReading.REQUIRED_COLUMNS),
            EventInput.check("devices", devices.toString(), Device.REQUIRED_COLUMNS),
            null);
    PAssert.that(events.deadLetters.apply(MapElements.into(TypeDescriptors.strings()).via(d -> d.line() + ": " + d.reason())))
        .satisfies(reasons -> {
          List<String> list = new java.util.ArrayList<>();
          reasons.forEach(list::add);
          assertThat(list, containsInAnyOrder(
              org.hamcrest.Matchers.startsWith("4: missing field customer_id"), // the registry's line 4
              org.hamcrest.Matchers.startsWith("2: bad JSON"),
              org.hamcrest.Matchers.equalTo("3: missing field temp"),
              org.hamcrest.Matchers.equalTo("4: field temp: 'warm' is not a number"),
              org.hamcrest.Matchers.equalTo("5: unknown device d9: not in the device registry"),
              org.hamcrest.Matchers.equalTo("6: field temp: 200.0 is outside the range -40.0 to 80.0"),
              org.hamcrest.Matchers.equalTo("7: device d2 was not installed yet at 2020-05-20T18:40:00Z"),
              org.hamcrest.Matchers.equalTo("8: not a JSON object")));
          return null;
        });
    PAssert.thatSingleton(events.readings.apply(Count.globally())).isEqualTo(2L);
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void aCsvFileWithoutTheRequiredColumnsIsRefusedBeforeTheRun() throws Exception {
    Path file = Files.writeString(folder.getRoot().toPath().resolve("t.csv"), "ts,device,temp\n1,d1,20\n");
    InvalidInputException e = org.junit.Assert.assertThrows(
        InvalidInputException.class, () -> EventInput.check("telemetry", file.toString(), TelemetryReading.REQUIRED_COLUMNS));
    assertThat(e.getMessage(), org.hamcrest.Matchers.equalTo(
        "telemetry file " + file + ": header lacks column(s) [device_id, humidity]; it has [ts, device, temp]"));
  }
}
