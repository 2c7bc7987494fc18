package dev.churn.transforms.events;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Interactions from JSON lines and CSV, times in epoch seconds or ISO-8601, bad records dead-lettered. */
public class InteractionInputTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final transient TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void readsJsonLinesAndCsvAlike() throws Exception {
    Path root = folder.getRoot().toPath();
    Files.writeString(root.resolve("a.jsonl"), String.join("\n",
        "{\"customer_id\":\"c1\",\"ts\":\"2026-01-01T10:00:00Z\",\"channel\":\"Call\",\"kind\":\"complaint\"}",
        "{\"customer_id\":\"c2\",\"ts\":1767261600,\"channel\":\"web\"}",
        "{\"customer_id\":\"c3\",\"ts\":\"yesterday\",\"channel\":\"web\"}",
        "{\"ts\":1767261600,\"channel\":\"web\"}"));
    Files.writeString(root.resolve("b.csv"), "customer_id,ts,channel,kind,value\nc4,2026-01-02,email,newsletter,\n");
    CustomerEvents events =
        CustomerEvents.read(pipeline, null, null, EventInput.check("interactions", root.resolve("*").toString(), Interaction.REQUIRED_COLUMNS));
    PAssert.that(events.interactions.apply("Describe", MapElements.into(TypeDescriptors.strings())
            .via(kv -> kv.getKey() + " " + EventTime.format(kv.getValue().ts) + " " + kv.getValue().channel + " " + kv.getValue().kind)))
        .containsInAnyOrder(
            "c1 2026-01-01T10:00:00Z call complaint",
            "c2 2026-01-01T10:00:00Z web null",
            "c4 2026-01-02T00:00:00Z email newsletter");
    PAssert.that(events.deadLetters.apply("Reasons", MapElements.into(TypeDescriptors.strings()).via(d -> d.line() + ": " + d.reason())))
        .satisfies(reasons -> {
          java.util.List<String> list = new java.util.ArrayList<>();
          reasons.forEach(list::add);
          assertThat(list, containsInAnyOrder(
              "3: field ts: 'yesterday' is neither epoch seconds nor an ISO-8601 time such as 2026-11-25T21:00:00Z",
              "4: missing field customer_id"));
          return null;
        });
    pipeline.run().waitUntilFinish();
  }
}
