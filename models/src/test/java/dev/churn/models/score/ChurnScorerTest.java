package dev.churn.models.score;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.churn.models.ChurnModel;
import dev.churn.models.registry.ModelVersion;
import dev.churn.models.registry.VersionMetadata;
import dev.churn.models.train.Dl4jTrainer;
import dev.churn.models.train.NetworkSpec;
import dev.churn.models.train.TrainingData;
import dev.churn.transforms.prepare.Preprocessing;
import dev.churn.transforms.schema.DatasetSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.junit.Test;

/**
 * The scoring core on a model trained here, without any pipeline: probabilities are the model's own,
 * bands follow the version's thresholds, reasons name the inputs that raise the risk, and a segment's own
 * model is used for that segment only.
 */
public class ChurnScorerTest {
  private static final Schema CUSTOMER =
      Schema.builder().addStringField(DatasetSchema.ID_FIELD).addNullableField("x0", Schema.FieldType.DOUBLE)
          .addNullableField("x1", Schema.FieldType.DOUBLE).addNullableField("plan", Schema.FieldType.STRING).build();

  /** Churn rises with x0 and falls with x1; plan does nothing. */
  private static TrainingData data(Preprocessing preprocessing, int rows, long seed) {
    Random random = new Random(seed);
    String[] ids = new String[rows];
    double[][] x = new double[rows][];
    double[] y = new double[rows];
    for (int i = 0; i < rows; i++) {
      Row customer = customer("c" + i, random.nextGaussian(), random.nextGaussian(), random.nextBoolean() ? "basic" : "plus");
      ids[i] = customer.getString(DatasetSchema.ID_FIELD);
      x[i] = preprocessing.encode(customer);
      double logit = -1 + 2.5 * customer.getDouble("x0") - 1.5 * customer.getDouble("x1");
      y[i] = random.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
    }
    return new TrainingData(ids, x, y);
  }

  private static Row customer(String id, double x0, double x1, String plan) {
    return Row.withSchema(CUSTOMER).addValues(id, x0, x1, plan).build();
  }

  private static Preprocessing preprocessing() {
    Preprocessing preprocessing = new Preprocessing();
    for (String name : List.of("x0", "x1")) {
      Preprocessing.Numeric column = new Preprocessing.Numeric();
      column.name = name;
      column.std = 1;
      preprocessing.numeric.add(column);
    }
    Preprocessing.Categorical plan = new Preprocessing.Categorical();
    plan.name = "plan";
    plan.values = new ArrayList<>(List.of("basic", "plus"));
    plan.frequencies = new ArrayList<>(List.of(0.5, 0.5));
    preprocessing.categorical.add(plan);
    return preprocessing;
  }

  private static final Preprocessing PREPARATION = preprocessing();
  private static final ChurnModel GLOBAL =
      Dl4jTrainer.fit(NetworkSpec.named(List.of("logistic")).get(0), data(PREPARATION, 2000, 1), 10, 7);

  private static ModelVersion version(Map<String, ChurnModel> segmentModels) {
    VersionMetadata metadata = new VersionMetadata();
    metadata.thresholds = new VersionMetadata.Thresholds();
    metadata.thresholds.medium = 0.3;
    metadata.thresholds.high = 0.6;
    return ModelVersion.of("v0007", metadata, PREPARATION, GLOBAL, segmentModels);
  }

  @Test
  public void scoresAreTheModelsProbabilitiesWithTheVersionsBandsAndTheRaisingInputsAsReasons() {
    List<Row> customers = List.of(customer("risky", 2.0, -1.5, "basic"), customer("safe", -2.0, 1.5, "plus"), customer("middle", 0.3, 0.0, "basic"));
    List<Score> scores = new ChurnScorer(version(Map.of()), "plan").score("basic", customers);

    double[] direct = GLOBAL.predict(customers.stream().map(PREPARATION::encode).toArray(double[][]::new));
    for (int i = 0; i < customers.size(); i++) {
      Score score = scores.get(i);
      assertThat(score.customerId, equalTo(customers.get(i).getString(DatasetSchema.ID_FIELD)));
      assertThat(score.churnProbability, closeTo(direct[i], 1e-12));
      String band = direct[i] >= 0.6 ? "high" : direct[i] >= 0.3 ? "medium" : "low";
      assertThat(score.riskBand, equalTo(band));
      assertThat(score.modelVersion, equalTo("v0007/global"));
      assertThat(score.segment, equalTo("basic"));
    }
    assertThat(scores.get(0).riskBand, equalTo("high"));
    assertThat(scores.get(1).riskBand, equalTo("low"));
    assertThat("high x0 and low x1 raise the risk most", scores.get(0).reasons.subList(0, 2), contains(startsWith("x0 = 2 (high)"), startsWith("x1 = -1.50 (low)")));
    assertThat("low x0 and high x1 lower the risk: never reasons", scores.get(1).reasons, everyItem(not(startsWith("x"))));
  }

  @Test
  public void aSegmentWithItsOwnModelIsScoredByItAndItsSegmentColumnIsNeverAReason() {
    ChurnModel own = Dl4jTrainer.fit(NetworkSpec.named(List.of("logistic")).get(0), data(PREPARATION, 1000, 2), 10, 3);
    ChurnScorer scorer = new ChurnScorer(version(Map.of("plus", own)), "plan");
    List<Row> plus = List.of(customer("p1", 1.0, -1.0, "plus"), customer("p2", -0.5, 0.2, "plus"));
    List<Score> scores = scorer.score("plus", plus);
    double[] byOwnModel = own.predict(plus.stream().map(PREPARATION::encode).toArray(double[][]::new));
    for (int i = 0; i < plus.size(); i++) {
      assertThat(scores.get(i).churnProbability, closeTo(byOwnModel[i], 1e-12));
      assertThat(scores.get(i).modelVersion, equalTo("v0007/plus"));
      assertThat(scores.get(i).reasons, everyItem(not(startsWith("plan"))));
    }
    assertThat(scorer.score("basic", List.of(customer("b", 1.0, -1.0, "basic"))).get(0).modelVersion, equalTo("v0007/global"));
  }

  @Test
  public void aLogisticModelsReasonsFromItsCoefficientsEqualOcclusionsRankingAndValues() {
    ChurnModel served = GLOBAL.forConcurrentUse();
    double[] coefficients = served.logitCoefficients();
    assertThat("a logistic regression is linear in the log-odds", coefficients != null);
    Random random = new Random(11);
    List<int[]> positions = PREPARATION.inputPositions();
    double[] baselines = PREPARATION.baselines();
    List<Row> customers = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      // beyond the training range too, and missing values, imputed
      Double x0 = random.nextInt(10) == 0 ? null : 3 * random.nextGaussian();
      Double x1 = random.nextInt(10) == 0 ? null : 3 * random.nextGaussian();
      customers.add(Row.withSchema(CUSTOMER).addValues("c" + i, x0, x1, random.nextInt(10) == 0 ? null : random.nextBoolean() ? "basic" : "plus").build());
    }
    List<Score> scores = new ChurnScorer(version(Map.of()), "plan").score("basic", customers);
    for (int i = 0; i < customers.size(); i++) {
      double[][] probes = PREPARATION.encodeWithBaselines(customers.get(i));
      double[] predictions = served.predict(probes);
      double[] byOcclusion = Reasons.occlusion(predictions, 0, positions.size());
      double[] byCoefficients = Reasons.linear(coefficients, probes[0], baselines, positions);
      for (int c = 0; c < positions.size(); c++) {
        // occlusion goes through probabilities and back: near 0 or 1 its log-odds lose digits
        double roundTrip = 1e-13 * (1 / Math.min(predictions[0], 1 - predictions[0]) + 1 / Math.min(predictions[1 + c], 1 - predictions[1 + c]));
        assertThat(customers.get(i) + " column " + c, byCoefficients[c], closeTo(byOcclusion[c], 1e-12 + roundTrip));
      }
      assertThat(customers.get(i).toString(), scores.get(i).reasons, equalTo(Reasons.top(PREPARATION, customers.get(i), byOcclusion, null)));
    }
  }

  @Test
  public void aPerceptronHasNoCoefficients() {
    ChurnModel mlp = Dl4jTrainer.fit(NetworkSpec.named(List.of("mlp-8")).get(0), data(PREPARATION, 500, 3), 2, 5);
    assertThat(mlp.logitCoefficients() == null && mlp.forConcurrentUse().logitCoefficients() == null, equalTo(true));
  }

  @Test
  public void customersWithoutASegmentColumnAreOneSegment() {
    assertThat(ChurnScorer.segmentOf(customer("a", 0, 0, "plus"), null), equalTo("all"));
    assertThat(ChurnScorer.segmentOf(customer("a", 0, 0, "plus"), "plan"), equalTo("plus"));
  }
}
