package dev.churn.pipelines.score;

import dev.churn.models.registry.ModelChoice;
import dev.churn.models.registry.ModelRegistry;
import dev.churn.models.registry.ModelVersion;
import dev.churn.pipelines.input.CustomerInput;
import dev.churn.pipelines.TrainedTelco;
import dev.churn.pipelines.rows.ScoreRows;
import dev.churn.pipelines.storage.RegistryLocation;
import dev.churn.transforms.schema.DatasetSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;

public class ScoreCustomersFnTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  private final TrainedTelco trained = TrainedTelco.get();
  private final DatasetSchema schema =
      ModelVersion.load(new ModelRegistry(trained.registry), "v0001").metadata().schema;

  private PCollection<Row> score(PCollection<Row> customers, CustomerInput input) {
    return ScorePipeline.score(customers, input, RegistryLocation.of(trained.registry), ModelChoice.of("v0001"), "run", new Instant(0), false, "Score");
  }

  @Test
  public void scoresEveryCustomerOnceWithAProbabilityAndBand() {
    CustomerInput input = CustomerInput.check(trained.data.score.toString(), schema, false);
    PCollection<Row> scores = score(pipeline.apply(input.read()).customers(), input);
    int expected = trained.data.scoreRows;
    PAssert.that(scores)
        .satisfies(
            rows -> {
              java.util.Set<String> ids = new java.util.HashSet<>();
              java.util.Map<String, Integer> bands = new java.util.TreeMap<>();
              int n = 0;
              for (Row row : rows) {
                n++;
                ids.add(row.getString(ScoreRows.CUSTOMER_ID));
                bands.merge(row.getString(ScoreRows.RISK_BAND), 1, Integer::sum);
                assertThat(row.getDouble(ScoreRows.CHURN_PROBABILITY), allOf(greaterThanOrEqualTo(0.0), lessThanOrEqualTo(1.0)));
                assertThat(row.getString(ScoreRows.RUN_ID), equalTo("run"));
              }
              assertThat(n, equalTo(expected));
              assertThat("each customer once", ids.size(), equalTo(expected));
              assertThat(bands.keySet(), org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.isIn(List.of("low", "medium", "high"))));
              // the bands cut the training customers at 10 % and 30 %: new customers of the same kind fall in all three
              assertThat(bands.keySet(), org.hamcrest.Matchers.contains("high", "low", "medium"));
              assertThat("low is the largest band: " + bands, bands.get("low"), org.hamcrest.Matchers.greaterThan(bands.get("medium")));
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void theOneInputThatDiffersIsAmongTheReasonsOfTheRiskierCustomer() {
    Row base = monthToMonthCustomer();
    Row shortTenure = with(base, "short", "tenure", 1.0);
    Row longTenure = with(base, "long", "tenure", 60.0);
    CustomerInput input = CustomerInput.check(trained.data.score.toString(), schema, false);
    PCollection<Row> scores =
        score(pipeline.apply(Create.of(shortTenure, longTenure).withRowSchema(schema.rowSchema())), input);
    PAssert.that(scores)
        .satisfies(
            rows -> {
              Map<String, Row> byId = new HashMap<>();
              rows.forEach(r -> byId.put(r.getString(ScoreRows.CUSTOMER_ID), r));
              Row risky = byId.get("short");
              Row safe = byId.get("long");
              assertThat(risky.getDouble(ScoreRows.CHURN_PROBABILITY), greaterThan(safe.getDouble(ScoreRows.CHURN_PROBABILITY)));
              assertThat(reasons(risky), hasItem("tenure = 1 months (low)"));
              assertThat(reasons(safe), not(hasItem("tenure = 60 months (high)")));
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void aCategoryThatDiffersIsNamedByItsValue() {
    // a one-hot group maps back to its column and value; the most common value can be a reason too,
    // since the baseline is the training mix of values, not the mode
    Row base = monthToMonthCustomer();
    Row fiber = with(base, "fiber", "InternetService", "Fiber optic");
    Row dsl = with(base, "dsl", "InternetService", "DSL");
    CustomerInput input = CustomerInput.check(trained.data.score.toString(), schema, false);
    PCollection<Row> scores = score(pipeline.apply(Create.of(fiber, dsl).withRowSchema(schema.rowSchema())), input);
    PAssert.that(scores)
        .satisfies(
            rows -> {
              Map<String, Row> byId = new HashMap<>();
              rows.forEach(r -> byId.put(r.getString(ScoreRows.CUSTOMER_ID), r));
              assertThat(byId.get("fiber").getDouble(ScoreRows.CHURN_PROBABILITY), greaterThan(byId.get("dsl").getDouble(ScoreRows.CHURN_PROBABILITY)));
              assertThat(reasons(byId.get("fiber")), hasItem("InternetService = Fiber optic"));
              assertThat(reasons(byId.get("dsl")), not(hasItem("InternetService = DSL")));
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void aBatchHoldingAnEarlierCustomerIsScoredWithEveryCustomersOwnTimestamp() {
    // in a stream, a late reading's correction (earlier timestamp) can share a bundle with newer
    // emissions: a batch filled by a newer customer still holds the earlier one
    Row base = monthToMonthCustomer();
    TestStream.Builder<Row> stream = TestStream.create(RowCoder.of(schema.rowSchema()));
    List<TimestampedValue<Row>> customers = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      Instant at = new Instant(i % 10 == 0 ? 1_000 : 2_000);
      customers.add(TimestampedValue.of(with(base, "c" + i, "tenure", (double) (i % 72)), at));
    }
    // one addElements is one bundle
    TestStream<Row> oneBundle =
        stream.addElements(customers.get(0), customers.subList(1, customers.size()).toArray(new TimestampedValue[0]))
            .advanceWatermarkToInfinity();
    CustomerInput input = CustomerInput.check(trained.data.score.toString(), schema, false);
    PCollection<Row> scores = score(pipeline.apply(oneBundle), input);
    PCollection<String> stamped = scores.apply(ParDo.of(new IdAtTimestampFn()));
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      expected.add("c" + i + "@" + (i % 10 == 0 ? 1_000 : 2_000));
    }
    PAssert.that(stamped).containsInAnyOrder(expected);
    pipeline.run().waitUntilFinish();
  }

  /** "id@millis" of a score row and its timestamp. */
  private static final class IdAtTimestampFn extends DoFn<Row, String> {
    @ProcessElement
    public void stamp(@Element Row score, @Timestamp Instant timestamp, OutputReceiver<String> out) {
      out.output(score.getString(ScoreRows.CUSTOMER_ID) + "@" + timestamp.getMillis());
    }
  }

  private static List<String> reasons(Row score) {
    List<String> reasons = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      reasons.add(score.getString("reason_" + i));
    }
    return reasons;
  }

  private Row monthToMonthCustomer() {
    Row.Builder row = Row.withSchema(schema.rowSchema()).addValue("base");
    Map<String, Object> values = new HashMap<>();
    values.put("tenure", 12.0);
    values.put("MonthlyCharges", 85.0);
    values.put("TotalCharges", 1020.0);
    schema.numeric.forEach(c -> row.addValue(values.get(c.name)));
    for (DatasetSchema.CategoricalColumn c : schema.categorical) {
      row.addValue(c.name.equals("Contract") ? "Month-to-month" : c.name.equals("InternetService") ? "Fiber optic" : c.values.get(0));
    }
    return row.addValue(null).build();
  }

  private static Row with(Row row, String id, String field, Object value) {
    return Row.fromRow(row).withFieldValue(DatasetSchema.ID_FIELD, id).withFieldValue(field, value).build();
  }
}
