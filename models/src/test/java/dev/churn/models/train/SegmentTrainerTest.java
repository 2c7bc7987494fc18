package dev.churn.models.train;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertThrows;

import dev.churn.models.ChurnModel;
import dev.churn.models.evaluate.BinaryMetrics;
import dev.churn.transforms.InvalidInputException;
import java.util.Arrays;
import org.junit.Test;

public class SegmentTrainerTest {
  private static final TrainingData DATA = Synthetic.data(2000, 7);
  private static final TrainingData TEST = Synthetic.data(2000, 8);

  private static SegmentModel trainedGlobal;

  /** The global model, trained once for the tests that only read it. */
  private static synchronized SegmentModel global() {
    if (trainedGlobal == null) {
      trainedGlobal = new SegmentTrainer(settings()).train(SegmentModel.GLOBAL, DATA, null);
    }
    return trainedGlobal;
  }

  private static TrainerSettings settings() {
    TrainerSettings settings = new TrainerSettings();
    settings.seed = 3;
    return settings;
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
    assertThat(meanPrediction, closeTo(churnRate, 0.05));
    assertThat(global.candidateValidationAuc.keySet().size(), equalTo(2));
    assertThat(global.source, equalTo(SegmentModel.OWN));
  }

  @Test
  public void sameSeedSameModelToTheLastDigit() {
    SegmentModel first = global();
    SegmentModel second = new SegmentTrainer(settings()).train(SegmentModel.GLOBAL, DATA, null);
    double[] p1 = Dl4jNetwork.fromBytes(first.model).predict(TEST.features());
    double[] p2 = Dl4jNetwork.fromBytes(second.model).predict(TEST.features());
    assertArrayEquals(p1, p2, 0.0);
    assertThat(first.candidateValidationAuc, equalTo(second.candidateValidationAuc));
  }

  @Test
  public void smallSegmentUsesTheGlobalModelAndSaysWhy() {
    SegmentModel global = global();
    TrainingData small = Synthetic.data(200, 9);
    SegmentModel segment = new SegmentTrainer(settings()).train("tiny", small, global);
    assertThat(segment.source, equalTo(SegmentModel.USES_GLOBAL));
    assertThat(segment.model, nullValue());
    assertThat(segment.reason, containsString("200 rows"));
    assertThat(segment.reason, containsString("below the minimum of 500 rows and 50 churned"));
    assertThat(segment.validation, notNullValue());
  }

  @Test
  public void largeSegmentTrainsItsOwnModelOrSaysTheGlobalWasBetter() {
    SegmentModel global = global();
    SegmentModel segment = new SegmentTrainer(settings()).train("big", Synthetic.data(1500, 10), global);
    assertThat(segment.candidateValidationAuc.containsKey("global"), equalTo(true));
    if (SegmentModel.OWN.equals(segment.source)) {
      assertThat(segment.model, notNullValue());
    } else {
      assertThat(segment.reason, containsString("the global model's validation AUC"));
    }
  }

  @Test
  public void oneClassTrainingDataIsAUserError() {
    TrainingData allStay = new TrainingData(DATA.ids(), DATA.features(), new double[DATA.size()]);
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> new SegmentTrainer(settings()).train(SegmentModel.GLOBAL, allStay, null));
    assertThat(e.getMessage(), containsString("found 0 churned of 2000"));
  }

  @Test
  public void modelBytesRoundTrip() {
    ChurnModel model = Dl4jNetwork.fromBytes(global().model);
    ChurnModel copy = Dl4jNetwork.fromBytes(model.toBytes());
    assertArrayEquals(model.predict(TEST.features()), copy.predict(TEST.features()), 0.0);
  }
}
