package dev.churn.transforms.features;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churn.testdata.TelemetrySample;
import dev.churn.transforms.customers.DeadLetter;
import dev.churn.transforms.events.CustomerEvents;
import dev.churn.transforms.events.Device;
import dev.churn.transforms.events.EventInput;
import dev.churn.transforms.events.EventTime;
import dev.churn.transforms.io.SourceLine;
import dev.churn.transforms.schema.DatasetSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The streaming feature path: parity with batch on the real sample, late data, disorder, duplicates. */
public class StreamFeaturesTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final transient TemporaryFolder folder = new TemporaryFolder();

  private static final double HOUR = 3600;
  private static final SourceLine.Coder LINE_CODER = SourceLine.Coder.of();

  /** Feature rows by "customer@cutoff", filled by the pipelines of a test. */
  private static final Map<String, Row> BATCH = new ConcurrentHashMap<>();
  private static final Map<String, Row> STREAM = new ConcurrentHashMap<>();

  private static DatasetSchema schema() {
    return RealTelemetryFeaturesTest.schema();
  }

  private static List<Row> customers(String... ids) {
    Schema rowSchema = schema().rowSchema();
    List<Row> rows = new ArrayList<>();
    for (String id : ids) {
      rows.add(Row.withSchema(rowSchema).addValues(id, 40.0, null).build());
    }
    return rows;
  }

  private CustomerEvents registry(Pipeline p, Path devices) {
    return CustomerEvents.read(p, null, EventInput.check("devices", devices.toString(), Device.REQUIRED_COLUMNS), null);
  }

  private static Instant instant(double seconds) {
    return Instant.ofEpochMilli((long) Math.floor(seconds * 1000));
  }

  /** Records the rows it sees under "customer@cutoff" (the element's timestamp is the cutoff). */
  static final class Collect extends DoFn<Row, Void> {
    private final boolean stream;
    private final double cutoff;

    Collect(boolean stream, double cutoff) {
      this.stream = stream;
      this.cutoff = cutoff;
    }

    @ProcessElement
    public void process(@Element Row row, @Timestamp Instant timestamp) {
      double at = stream ? timestamp.getMillis() / 1000.0 : cutoff;
      (stream ? STREAM : BATCH).put(row.getString(DatasetSchema.ID_FIELD) + "@" + EventTime.format(at), row);
    }
  }

  @Test
  public void streamingFeaturesAtWatermarkTEqualBatchFeaturesAtCutoffTOnTheRealSample() throws Exception {
    Path root = folder.getRoot().toPath();
    Path json = TelemetrySample.unzipTo(root.resolve("json"));
    Path devices = TelemetrySample.writeRegistry(root.resolve("devices.csv"), List.of("c01", "c02", "c03"));
    List<Double> cutoffs = new ArrayList<>();
    for (String t : List.of("2020-07-13T01:00:00Z", "2020-07-13T06:00:00Z", "2020-07-13T13:00:00Z", "2020-07-14T00:00:00Z")) {
      cutoffs.add(EventTime.parseSeconds(t));
    }

    // batch, one branch per cutoff
    BATCH.clear();
    Pipeline batch = Pipeline.create(PipelineOptionsFactory.create());
    CustomerEvents events =
        CustomerEvents.read(
            batch,
            EventInput.check("telemetry", json.toString(), dev.churn.transforms.events.TelemetryReading.REQUIRED_COLUMNS),
            EventInput.check("devices", devices.toString(), Device.REQUIRED_COLUMNS),
            null);
    PCollection<Row> batchCustomers = batch.apply(Create.of(customers("c01", "c02", "c03")).withRowSchema(schema().rowSchema()));
    for (double cutoff : cutoffs) {
      batchCustomers
          .apply("Features " + cutoff, AddFeatures.asOf(schema(), events, cutoff))
          .apply("Collect " + cutoff, ParDo.of(new Collect(false, cutoff)));
    }
    batch.run().waitUntilFinish();

    // streaming: the sample in its order, the watermark following the newest reading
    STREAM.clear();
    TestStream.Builder<SourceLine> stream = TestStream.create(LINE_CODER);
    List<TimestampedValue<SourceLine>> chunk = new ArrayList<>();
    long element = 0;
    double newest = 0;
    for (JsonNode message : new ObjectMapper().readTree(json.toFile())) {
      double ts = message.get("ts").asDouble();
      newest = Math.max(newest, ts);
      chunk.add(TimestampedValue.of(new SourceLine("sample", ++element, message.toString()), instant(ts)));
      if (chunk.size() == 2_000) {
        stream = stream.addElements(chunk.get(0), chunk.subList(1, chunk.size()).toArray(TimestampedValue[]::new)).advanceWatermarkTo(instant(newest));
        chunk.clear();
      }
    }
    stream = stream.addElements(chunk.get(0), chunk.subList(1, chunk.size()).toArray(TimestampedValue[]::new));
    StreamFeatures.Result result =
        pipeline
            .apply(stream.advanceWatermarkToInfinity())
            .apply(StreamFeatures.of(schema(), pipeline.apply(Create.of(customers("c01", "c02", "c03")).withRowSchema(schema().rowSchema())), registry(pipeline, devices), null, HOUR, 0));
    PAssert.that(result.deadLetters).empty();
    result.features.apply(ParDo.of(new Collect(true, 0)));
    pipeline.run().waitUntilFinish();

    assertEquals("3 customers at 4 cutoffs", 12, BATCH.size());
    for (Map.Entry<String, Row> expected : new TreeMap<>(BATCH).entrySet()) {
      assertEquals(expected.getKey(), expected.getValue(), STREAM.get(expected.getKey()));
    }
    assertEquals("one emission per customer and hour with readings", 3 * 25, STREAM.size());
  }

  @Test
  public void lateDataWithinTheAllowedLatenessCorrectsTheLastEmissionAndLaterDataIsDeadLettered() throws Exception {
    Path devices = Files.writeString(folder.getRoot().toPath().resolve("devices.csv"), "device_id,customer_id,installed_at\nd1,c1,2020-01-01\n");
    double t0 = EventTime.parseSeconds("2020-07-13T00:00:00Z");
    TestStream<SourceLine> stream =
        TestStream.create(LINE_CODER)
            .addElements(reading(1, t0 + 40 * 60, 21), reading(2, t0 + 10 * 60, 21), reading(3, t0 + 40 * 60, 21)) // disorder, a redelivery
            .advanceWatermarkTo(instant(t0 + HOUR + 60))
            .addElements(reading(4, t0 + 50 * 60, 23)) // 10 minutes late: allowed (30)
            .addElements(reading(5, t0 + 20 * 60, 25)) // 40 minutes late: too late
            .advanceWatermarkToInfinity();
    StreamFeatures.Result result =
        pipeline
            .apply(stream)
            .apply(StreamFeatures.of(schema(), pipeline.apply(Create.of(customers("c1")).withRowSchema(schema().rowSchema())), registry(pipeline, devices), null, HOUR, 30 * 60));
    PAssert.that(result.features.apply("Describe", MapElements.into(TypeDescriptors.strings()).via(r -> r.getDouble("readings_per_hour_1h") + " readings, mean " + r.getDouble("temp_mean_1h"))))
        .containsInAnyOrder("2.0 readings, mean 21.0", "3.0 readings, mean 21.666666666666668");
    PAssert.that(result.deadLetters.apply("Reasons", MapElements.into(TypeDescriptors.strings()).via(DeadLetter::reason)))
        .satisfies(reasons -> {
          List<String> list = new ArrayList<>();
          reasons.forEach(list::add);
          assertEquals(1, list.size());
          assertThat(list.get(0), containsString("beyond the allowed lateness of 1800 s"));
          return null;
        });
    pipeline.run().waitUntilFinish();
  }

  private static TimestampedValue<SourceLine> reading(long n, double ts, double temp) {
    String json = "{\"device_id\":\"d1\",\"ts\":" + ts + ",\"data\":{\"temp\":" + temp + ",\"humidity\":50}}";
    return TimestampedValue.of(new SourceLine("test", n, json), instant(ts));
  }
}
