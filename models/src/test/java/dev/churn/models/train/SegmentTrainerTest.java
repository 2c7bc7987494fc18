package dev.churn.models.train;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertThrows;

import dev.churn.models.ChurnModel;
import dev.churn.models.evaluate.BinaryMetrics;
import dev.churn.transforms.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.Test;

public class SegmentTrainerTest {
  private static final TrainingData DATA = Synthetic.data(2000, 7);
  private static final TrainingData TEST = Synthetic.data(2000, 8);

  private static SegmentModel trainedGlobal;

  /** The global model, trained once for the tests that only read it. */
  private static synchronized SegmentModel global() {
    if (trainedGlobal == null) {
      trainedGlobal = trainer().train(SegmentModel.GLOBAL, DATA, null);
    }
    return trainedGlobal;
  }

  private static SegmentTrainer trainer() {
    TrainerSettings settings = new TrainerSettings();
    settings.seed = 3;
    settings.folds = 3;
    settings.candidates = NetworkSpec.named(List.of("logistic", "mlp-8"));
    return new SegmentTrainer(settings, Synthetic.preprocessing());
  }

  private static TrainingData firstRows(int rows) {
    return DATA.select(IntStream.range(0, rows).boxed().collect(Collectors.toList()));
  }

  @Test
  public void learnsTheSignalAndKeepsProbabilitiesCalibratedDespiteClassWeights() {
    SegmentModel global = global();
    ChurnModel model = Dl4jNetwork.fromBytes(global.model);
    double[] p = model.predict(TEST.features());
    // the generating model's own AUC on this data is about 0.84
    assertThat(BinaryMetrics.rocAuc(TEST.labels(), p), greaterThan(0.8));
    double meanPrediction = Arrays.stream(p).average().orElseThrow();
    double churnRate = (double) TEST.positives() / TEST.size();
    assertThat(meanPrediction, closeTo(churnRate, 0.02));
    assertThat(BinaryMetrics.expectedCalibrationError(TEST.labels(), p), lessThan(0.03));
    assertThat(global.candidateCvAuc.keySet(), contains("logistic", "mlp-8"));
    assertThat(global.foldAuc.length, equalTo(3));
    assertThat(global.validationPredictions.length, equalTo(DATA.size()));
    assertThat(global.source, equalTo(SegmentModel.OWN));
  }

  @Test
  public void importanceRanksTheInputsByTheirEffect() {
    // churn depends on x0 (weight 2), then x1 (weight -1), not on x2
    assertThat(global().importance.keySet(), contains("x0", "x1", "x2"));
    assertThat(global().importance.get("x0"), greaterThan(0.1));
    assertThat(global().importance.get("x2"), closeTo(0.0, 0.01));
  }

  @Test
  public void sameSeedSameModelToTheLastDigit() {
    SegmentModel first = global();
    SegmentModel second = trainer().train(SegmentModel.GLOBAL, DATA, null);
    double[] p1 = Dl4jNetwork.fromBytes(first.model).predict(TEST.features());
    double[] p2 = Dl4jNetwork.fromBytes(second.model).predict(TEST.features());
    assertArrayEquals(p1, p2, 0.0);
    assertThat(first.candidateCvAuc, equalTo(second.candidateCvAuc));
    assertThat(first.importance, equalTo(second.importance));
    assertThat(first.calibration, equalTo(second.calibration));
    assertArrayEquals(first.validationPredictions, second.validationPredictions, 0.0);
  }

  @Test
  public void smallSegmentUsesTheGlobalModelAndSaysWhy() {
    SegmentModel global = global();
    SegmentModel segment = trainer().train("tiny", firstRows(200), global);
    assertThat(segment.source, equalTo(SegmentModel.USES_GLOBAL));
    assertThat(segment.model, nullValue());
    assertThat(segment.reason, containsString("200 rows"));
    assertThat(segment.reason, containsString("below the minimum of 500 rows and 50 churned"));
    assertThat(segment.validation, notNullValue());
    // its metrics are the global model's out-of-fold predictions for its rows
    assertArrayEquals(segment.validationPredictions, Arrays.copyOf(global.validationPredictions, 200), 0.0);
  }

  @Test
  public void rowsTheGlobalSampleLeftOutGetTheGlobalModelsOwnPredictions() {
    SegmentModel global = global();
    // 100 rows the global model trained on, then 100 it never saw (as if its sample had left them out)
    List<Integer> first = IntStream.range(0, 100).boxed().collect(Collectors.toList());
    TrainingData seen = DATA.select(first);
    TrainingData unseen = TEST.select(first);
    String[] ids = new String[200];
    double[][] x = new double[200][];
    double[] y = new double[200];
    for (int i = 0; i < 100; i++) {
      ids[i] = seen.ids()[i];
      x[i] = seen.features()[i];
      y[i] = seen.labels()[i];
      ids[100 + i] = "unseen-" + i;
      x[100 + i] = unseen.features()[i];
      y[100 + i] = unseen.labels()[i];
    }
    SegmentModel segment = trainer().train("mixed", new TrainingData(ids, x, y), global);
    assertThat(segment.source, equalTo(SegmentModel.USES_GLOBAL));
    assertArrayEquals(
        Arrays.copyOf(global.validationPredictions, 100), Arrays.copyOfRange(segment.validationPredictions, 0, 100), 0.0);
    assertArrayEquals(
        Dl4jNetwork.fromBytes(global.model).predict(unseen.features()),
        Arrays.copyOfRange(segment.validationPredictions, 100, 200),
        0.0);
  }

  @Test
  public void aLargeSegmentLikeTheRestKeepsTheGlobalModelAndSaysWhy() {
    SegmentModel segment = trainer().train("alike", firstRows(1500), global());
    assertThat(segment.candidateCvAuc.keySet(), contains("global", "logistic", "mlp-8"));
    assertThat(segment.source, equalTo(SegmentModel.USES_GLOBAL));
    assertThat(segment.model, nullValue());
    assertThat(segment.reason, containsString("the global model's cross-validated AUC"));
  }

  @Test
  public void aLargeSegmentWhereChurnHasOtherCausesTrainsItsOwnModel() {
    // here churn follows x2 and not x0, which the global model leans on
    TrainingData different = Synthetic.data(1500, 9, new double[] {0.0, -1.0, 2.5});
    SegmentModel segment = trainer().train("different", different, global());
    assertThat(segment.source, equalTo(SegmentModel.OWN));
    assertThat(segment.model, notNullValue());
    assertThat(segment.candidateCvAuc.get(segment.candidate), greaterThan(segment.candidateCvAuc.get("global") + 0.05));
  }

  @Test
  public void oneClassTrainingDataIsAUserError() {
    TrainingData allStay = new TrainingData(DATA.ids(), DATA.features(), new double[DATA.size()]);
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> trainer().train(SegmentModel.GLOBAL, allStay, null));
    assertThat(e.getMessage(), containsString("for 3-fold cross-validation: found 0 churned of 2000"));
  }

  @Test
  public void modelBytesRoundTrip() {
    ChurnModel model = Dl4jNetwork.fromBytes(global().model);
    ChurnModel copy = Dl4jNetwork.fromBytes(model.toBytes());
    assertArrayEquals(model.predict(TEST.features()), copy.predict(TEST.features()), 0.0);
  }
}
