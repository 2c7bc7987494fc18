package dev.churn.transforms.monitor;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.churn.transforms.schema.DatasetSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.Rule;
import org.junit.Test;

public class ProfileFeaturesTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  private static DatasetSchema schema() {
    DatasetSchema schema = new DatasetSchema();
    schema.id = "id";
    DatasetSchema.NumericColumn tenure = new DatasetSchema.NumericColumn();
    tenure.name = "tenure";
    schema.numeric.add(tenure);
    DatasetSchema.CategoricalColumn plan = new DatasetSchema.CategoricalColumn();
    plan.name = "plan";
    schema.categorical.add(plan);
    return schema;
  }

  /** Tenure 1..100 (one missing), plan "a" for even ids, "b" for odd, blank for every tenth. */
  private static List<Row> rows() {
    Schema rowSchema = schema().rowSchema();
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      String plan = i % 10 == 0 ? null : i % 2 == 0 ? "a" : "b";
      rows.add(Row.withSchema(rowSchema).addValues("c" + i, i == 50 ? null : (double) i, plan, null).build());
    }
    return rows;
  }

  @Test
  public void fitsTwentyBinsOnTheRowsAndCountsThemAgainstTheSameBins() {
    PCollection<FeatureProfile> fitted =
        pipeline.apply(Create.of(rows()).withRowSchema(schema().rowSchema())).apply(ProfileFeatures.fit(schema()));
    PAssert.thatSingleton(fitted)
        .satisfies(
            profile -> {
              Histogram tenure = profile.numeric.get("tenure");
              assertThat(profile.rows, equalTo(100L));
              assertThat(tenure.edges.length, equalTo(ProfileFeatures.BINS - 1));
              assertThat(tenure.low, equalTo(1.0));
              assertThat(tenure.high, equalTo(100.0));
              assertThat(tenure.missing, equalTo(1L));
              assertThat(tenure.present(), equalTo(99L));
              for (long count : tenure.counts) {
                assertThat("about 5 % per bin: " + java.util.Arrays.toString(tenure.counts), Math.abs(count - 5) <= 1, equalTo(true));
              }
              assertThat(profile.categorical.get("plan"), equalTo(Map.of("a", 40L, "b", 50L, "", 10L)));
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void countsAMonitoredRunIntoTheReferenceBins() {
    FeatureProfile reference = new FeatureProfile();
    reference.numeric.put("tenure", Histogram.fromQuantiles(List.of(1.0, 25.0, 50.0, 75.0, 100.0)));
    reference.categorical.put("plan", new java.util.TreeMap<>());
    PCollection<FeatureProfile> counted =
        pipeline.apply(Create.of(rows()).withRowSchema(schema().rowSchema())).apply(ProfileFeatures.against(reference));
    PAssert.thatSingleton(counted)
        .satisfies(
            profile -> {
              assertThat(profile.numeric.get("tenure").counts, equalTo(new long[] {25, 24, 25, 25}));
              assertThat(profile.categorical.get("plan").get("a"), equalTo(40L));
              return null;
            });
    pipeline.run().waitUntilFinish();
  }
}
