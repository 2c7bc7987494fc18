package dev.churn.transforms.prepare;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import dev.churn.transforms.schema.DatasetSchema;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.Rule;
import org.junit.Test;

public class FitPreprocessingTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  static DatasetSchema schema() {
    DatasetSchema schema = new DatasetSchema();
    schema.id = "id";
    schema.label = new DatasetSchema.Label();
    schema.label.column = "y";
    DatasetSchema.NumericColumn tenure = new DatasetSchema.NumericColumn();
    tenure.name = "tenure";
    tenure.unit = "months";
    schema.numeric.add(tenure);
    DatasetSchema.CategoricalColumn plan = new DatasetSchema.CategoricalColumn();
    plan.name = "plan";
    schema.categorical.add(plan);
    return schema;
  }

  static Row row(Schema rowSchema, String id, Double tenure, String plan) {
    return Row.withSchema(rowSchema).addValues(id, tenure, plan, null).build();
  }

  /** A fitted preparation over rows (tenure, plan): (1, a), (3, a), (missing, b), (5, missing). */
  static Preprocessing fitted() {
    Schema rowSchema = schema().rowSchema();
    FitPreprocessing.FitFn fn = new FitPreprocessing.FitFn(schema());
    FitPreprocessing.Stats stats = fn.createAccumulator();
    fn.addInput(stats, row(rowSchema, "1", 1.0, "a"));
    fn.addInput(stats, row(rowSchema, "2", 3.0, "a"));
    FitPreprocessing.Stats other = fn.createAccumulator();
    fn.addInput(other, row(rowSchema, "3", null, "b"));
    fn.addInput(other, row(rowSchema, "4", 5.0, null));
    return fn.extractOutput(fn.mergeAccumulators(List.of(stats, other)));
  }

  @Test
  public void fitsMeansSpreadAndVocabularyAcrossMergedParts() {
    Preprocessing p = fitted();
    assertThat(p.rows, equalTo(4L));
    assertThat(p.numeric.get(0).mean, closeTo(3.0, 1e-12));
    assertThat(p.numeric.get(0).std, closeTo(Math.sqrt(8.0 / 3), 1e-12));
    assertThat(p.numeric.get(0).missing, equalTo(1L));
    assertThat(p.categorical.get(0).values, contains("a", "b"));
    assertThat(p.categorical.get(0).missing, equalTo(1L));
    assertThat(p.featureNames(), contains("tenure", "plan=a", "plan=b"));
  }

  @Test
  public void encodingImputesMissingValuesAndKeepsUnseenCategoriesAtZero() {
    Preprocessing p = fitted();
    Schema rowSchema = schema().rowSchema();
    double std = Math.sqrt(8.0 / 3);
    assertThat(p.encode(row(rowSchema, "x", 5.0, "b")), equalTo(new double[] {2 / std, 0, 1}));
    assertThat(p.encode(row(rowSchema, "x", null, null)), equalTo(new double[] {0, 1, 0}));
    assertThat(p.encode(row(rowSchema, "x", 3.0, "zzz")), equalTo(new double[] {0, 0, 0}));
    // the baseline of a one-hot group is the training share of each value (a: 2 of 3, b: 1 of 3)
    assertThat(p.encode(row(rowSchema, "x", 5.0, "b"), "plan"), equalTo(new double[] {2 / std, 2.0 / 3, 1.0 / 3}));
    assertThat(p.encode(row(rowSchema, "x", 5.0, "b"), "tenure"), equalTo(new double[] {0, 0, 1}));
  }

  @Test
  public void aLogInputSitsBesideItsColumnStandardisedOnItsOwn() {
    DatasetSchema schema = schema();
    schema.numeric.get(0).log = true;
    schema.numeric.get(0).min = 0.0;
    Schema rowSchema = schema.rowSchema();
    FitPreprocessing.FitFn fn = new FitPreprocessing.FitFn(schema);
    FitPreprocessing.Stats stats = fn.createAccumulator();
    for (double tenure : new double[] {0, 3, 8}) {
      fn.addInput(stats, row(rowSchema, "c" + tenure, tenure, "a"));
    }
    Preprocessing p = fn.extractOutput(stats);
    double[] logs = {Math.log1p(0), Math.log1p(3), Math.log1p(8)};
    double mean = (logs[0] + logs[1] + logs[2]) / 3;
    double std = Math.sqrt(((logs[0] - mean) * (logs[0] - mean) + (logs[1] - mean) * (logs[1] - mean) + (logs[2] - mean) * (logs[2] - mean)) / 3);
    assertThat(p.featureNames(), contains("tenure", "log1p(tenure)", "plan=a"));
    assertThat(p.numeric.get(0).log.mean, closeTo(mean, 1e-12));
    assertThat(p.numeric.get(0).log.std, closeTo(std, 1e-12));
    assertThat(p.encode(row(rowSchema, "x", 3.0, "a"))[1], closeTo((Math.log1p(3) - mean) / std, 1e-12));
    assertThat(p.inputPositions().get(0), equalTo(new int[] {0, 1}));
  }

  @Test
  public void describesValuesForReasons() {
    Preprocessing p = fitted();
    Schema rowSchema = schema().rowSchema();
    assertThat(p.describe(row(rowSchema, "x", 2.0, "b"), "tenure"), equalTo("tenure = 2 months (low)"));
    assertThat(p.describe(row(rowSchema, "x", 4.5, "b"), "tenure"), equalTo("tenure = 4.50 months (high)"));
    assertThat(p.describe(row(rowSchema, "x", 4.5, "b"), "plan"), equalTo("plan = b"));
  }

  @Test
  public void fitsInAPipeline() {
    Schema rowSchema = schema().rowSchema();
    PCollection<Row> rows =
        pipeline.apply(
            Create.of(row(rowSchema, "1", 1.0, "a"), row(rowSchema, "2", 3.0, "a"), row(rowSchema, "3", null, "b"), row(rowSchema, "4", 5.0, null))
                .withRowSchema(rowSchema));
    PAssert.thatSingleton(rows.apply(FitPreprocessing.of(schema())))
        .satisfies(
            p -> {
              assertThat(p.numeric.get(0).mean, closeTo(3.0, 1e-12));
              assertThat(p.categorical.get(0).values, contains("a", "b"));
              return null;
            });
    pipeline.run().waitUntilFinish();
  }
}
