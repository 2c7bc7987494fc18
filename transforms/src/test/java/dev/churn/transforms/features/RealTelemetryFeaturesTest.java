package dev.churn.transforms.features;

import dev.churn.transforms.schema.FeatureSpec;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churn.testdata.TelemetrySample;
import dev.churn.transforms.events.CustomerEvents;
import dev.churn.transforms.events.Device;
import dev.churn.transforms.events.EventInput;
import dev.churn.transforms.events.EventTime;
import dev.churn.transforms.events.TelemetryReading;
import dev.churn.transforms.schema.DatasetSchema;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Telemetry features of the real one-day sample, through the batch pipeline, from its JSON array and from CSV. */
public class RealTelemetryFeaturesTest {
  @ClassRule public static final TemporaryFolder FOLDER = new TemporaryFolder();
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  private static final List<String> CUSTOMERS = List.of("c01", "c02", "c03");
  /** Midnight after the sample's day: its last few minutes of messages fall after the cutoff. */
  static final double CUTOFF = EventTime.parseSeconds("2020-07-14T00:00:00Z");

  private static Path json;
  private static Path csv;
  private static Path registry;
  private static Map<String, List<TelemetryReading>> byCustomer;

  @BeforeClass
  public static void unpackSample() throws IOException {
    Path folder = FOLDER.getRoot().toPath();
    json = TelemetrySample.unzipTo(folder.resolve("json"));
    registry = TelemetrySample.writeRegistry(folder.resolve("devices.csv"), CUSTOMERS);
    csv = folder.resolve("csv/telemetry.csv");
    Files.createDirectories(csv.getParent());
    byCustomer = new HashMap<>();
    try (Writer out = Files.newBufferedWriter(csv)) {
      out.write("ts,device_id,device,humidity,temp\n");
      for (JsonNode message : new ObjectMapper().readTree(json.toFile())) {
        String device = message.get("device_id").asText();
        JsonNode data = message.get("data");
        out.write(String.join(",", message.get("ts").asText(), device, message.get("device").asText(), data.get("humidity").asText(), data.get("temp").asText()) + "\n");
        String customer = CUSTOMERS.get(TelemetrySample.DEVICES.indexOf(device));
        byCustomer.computeIfAbsent(customer, c -> new ArrayList<>())
            .add(new TelemetryReading(device, message.get("ts").asDouble(), data.get("temp").asDouble(), data.get("humidity").asDouble()));
      }
    }
  }

  static DatasetSchema schema() {
    DatasetSchema schema = new DatasetSchema();
    schema.id = "id";
    DatasetSchema.NumericColumn age = new DatasetSchema.NumericColumn();
    age.name = "age";
    schema.numeric.add(age);
    FeatureSpec spec = new FeatureSpec();
    spec.telemetry = true;
    spec.telemetryWindowsHours = new ArrayList<>(List.of(1, 24));
    schema.features = spec;
    return schema;
  }

  private PCollection<Row> features(Path telemetry) {
    DatasetSchema schema = schema();
    Schema rowSchema = schema.rowSchema();
    List<Row> customers = new ArrayList<>();
    for (String id : List.of("c01", "c02", "c03", "c04")) {
      customers.add(Row.withSchema(rowSchema).addValues(id, 40.0, null).build());
    }
    CustomerEvents events =
        CustomerEvents.read(
            pipeline,
            EventInput.check("telemetry", telemetry.toString(), TelemetryReading.REQUIRED_COLUMNS),
            EventInput.check("devices", registry.toString(), Device.REQUIRED_COLUMNS),
            null);
    PAssert.that(events.deadLetters).empty();
    return pipeline
        .apply(Create.of(customers).withRowSchema(rowSchema))
        .apply(AddFeatures.asOf(schema, events, CUTOFF));
  }

  private static void check(Iterable<Row> rows) {
    FeatureSpec spec = schema().features;
    int checked = 0;
    for (Row row : rows) {
      String id = row.getString(DatasetSchema.ID_FIELD);
      List<TelemetryReading> readings = byCustomer.getOrDefault(id, List.of());
      List<Device> devices =
          readings.isEmpty() ? List.of() : List.of(new Device(readings.get(0).deviceId, id, EventTime.parseSeconds("2020-07-12")));
      Double[] expected = CustomerFeatures.compute(spec, CUTOFF, devices, readings, List.of());
      List<DatasetSchema.NumericColumn> columns = spec.columns();
      for (int i = 0; i < columns.size(); i++) {
        assertEquals(id + " " + columns.get(i).name, expected[i], row.getDouble(columns.get(i).name));
      }
      double glitches = id.equals("c04") ? 0 : row.getDouble("glitches_24h");
      switch (id) {
        case "c01": // device 01: dozens of DHT22 read errors
        case "c02": // device 02: a few, and one message delivered twice
          assertTrue(id + " glitches " + glitches, glitches >= 10);
          break;
        case "c03": // device 03: clean
          assertEquals(0, glitches, 0);
          break;
        default: // no device
          assertEquals(0, row.getDouble("devices"), 0);
          assertEquals(24, row.getDouble("telemetry_silence_hours"), 0);
      }
      checked++;
    }
    assertEquals(4, checked);
  }

  @Test
  public void featuresFromTheJsonArrayEqualThePlainComputation() {
    PAssert.that(features(json)).satisfies(rows -> {
      check(rows);
      return null;
    });
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void featuresFromCsvEqualThePlainComputation() {
    PAssert.that(features(csv)).satisfies(rows -> {
      check(rows);
      return null;
    });
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void theDuplicateMessageCountsOnce() {
    List<TelemetryReading> device02 = byCustomer.get("c02");
    long distinct = device02.stream().filter(r -> r.ts < CUTOFF).map(r -> r.ts).distinct().count();
    long all = device02.stream().filter(r -> r.ts < CUTOFF).count();
    assertEquals("the sample's one redelivered message", 1, all - distinct);
    FeatureSpec spec = schema().features;
    Double[] values = CustomerFeatures.compute(spec, CUTOFF, List.of(), device02, List.of());
    int perHour = spec.columns().stream().map(c -> c.name).toList().indexOf("readings_per_hour_24h");
    assertEquals(distinct / 24.0, values[perHour], 1e-9);
  }
}
