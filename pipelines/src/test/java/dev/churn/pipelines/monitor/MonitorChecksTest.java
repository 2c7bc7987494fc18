package dev.churn.pipelines.monitor;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.churn.models.registry.TrainingProfile;
import dev.churn.models.registry.VersionMetadata;
import dev.churn.models.train.SegmentModel;
import dev.churn.pipelines.jobs.MonitorJob;
import dev.churn.transforms.monitor.FeatureProfile;
import dev.churn.transforms.monitor.Histogram;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.Test;

/**
 * The checks of a monitoring run against a training of 2,000 customers: one numeric input (tenure,
 * uniform over 0..72 months), one categorical (Contract), ROC AUC 0.85.
 */
public class MonitorChecksTest {
  private static final int ROWS = 2000;
  private static final VersionMetadata TRAINING = training();
  private final MonitorChecks checks = new MonitorChecks(MonitorThresholds.defaults(), TRAINING);

  private static VersionMetadata training() {
    VersionMetadata training = new VersionMetadata();
    double[] predictions = new double[ROWS];
    Random random = new Random(1);
    for (int i = 0; i < ROWS; i++) {
      predictions[i] = random.nextDouble();
    }
    training.trainingProfile = TrainingProfile.of(profile(0, 72, 0), predictions);
    training.overall = new SegmentModel.Metrics();
    training.overall.rows = ROWS;
    training.overall.positives = ROWS / 2;
    training.overall.rocAuc = 0.85;
    training.overall.calibrationError = 0.02;
    training.trainingData.rowsRead = ROWS;
    return training;
  }

  /** Tenures spread evenly over [low, high], {@code missing} of them missing; two thirds month-to-month. */
  private static FeatureProfile profile(double low, double high, int missing) {
    FeatureProfile profile = new FeatureProfile();
    Histogram tenure = Histogram.fromQuantiles(List.of(0.0, 12.0, 24.0, 36.0, 48.0, 60.0, 72.0));
    for (int i = 0; i < ROWS; i++) {
      tenure.add(i < missing ? null : low + (high - low) * i / (ROWS - 1));
    }
    profile.rows = ROWS;
    profile.numeric.put("tenure", tenure);
    profile.categorical.put("Contract", new TreeMap<>(Map.of("Month-to-month", 2L * ROWS / 3, "Two year", ROWS - 2L * ROWS / 3)));
    return profile;
  }

  /**
   * Scored customers whose labels follow their probabilities ({@code informative}: calibrated, ROC AUC
   * 5/6 as in training) or ignore them (noise: ROC AUC 1/2).
   */
  private static OutcomeStats outcomes(boolean labelled, boolean informative) {
    OutcomeStats outcomes = new OutcomeStats();
    outcomes.predictions = TRAINING.trainingProfile.predictions.emptyCopy();
    Random random = new Random(2);
    for (int i = 0; i < ROWS; i++) {
      double probability = random.nextDouble();
      boolean churned = informative ? random.nextDouble() < probability : i % 2 == 0;
      outcomes.overall.add(probability, "low", List.of(), labelled ? churned : null, 0.5);
      outcomes.predictions.add(probability);
    }
    return outcomes;
  }

  private static Check find(List<Check> checks, String check, String subject) {
    return checks.stream().filter(c -> c.check.equals(check) && c.subject.equals(subject)).findFirst().orElseThrow();
  }

  @Test
  public void aJobsThresholdsAreTheCommandsDefaults() {
    MonitorThresholds thresholds = new MonitorJob.Request().thresholds;
    assertThat(thresholds.missingWarn, equalTo(0.05));
    assertThat(thresholds.psiRetrain, equalTo(0.25));
    assertThat(thresholds.pValue, equalTo(0.01));
  }

  @Test
  public void aRunLikeTrainingIsOk() {
    List<Check> result = checks.evaluate(profile(0, 72, 0), outcomes(false, true), new MonitorChecks.RunCounts(), false);
    Check drift = find(result, Check.FEATURE_DRIFT, "tenure");
    assertThat(drift.status, equalTo(Status.OK));
    assertThat(drift.values.get("psi"), closeTo(0, 1e-3));
    assertThat(find(result, Check.DATA_QUALITY, "tenure").status, equalTo(Status.OK));
    assertThat(find(result, Check.FEATURE_DRIFT, "Contract").values.get("psi"), closeTo(0, 1e-12));
  }

  @Test
  public void tenuresPushedOutOfTheirRangeAskForRetrainingAndWarnAsOutOfRange() {
    List<Check> result = checks.evaluate(profile(48, 120, 0), outcomes(false, true), new MonitorChecks.RunCounts(), false);
    Check drift = find(result, Check.FEATURE_DRIFT, "tenure");
    assertThat(drift.status, equalTo(Status.RETRAIN));
    assertThat(drift.finding, containsString("PSI"));
    assertThat(drift.finding, containsString(">= 0.25"));
    Check quality = find(result, Check.DATA_QUALITY, "tenure");
    assertThat(quality.status, equalTo(Status.WARN));
    assertThat(quality.finding, containsString("% of values outside the training range [0, 72]"));
    assertThat(MonitorChecks.overall(result), equalTo(Status.RETRAIN));
  }

  @Test
  public void missingValuesAboveTrainingWarn() {
    Check quality = find(checks.evaluate(profile(0, 72, 400), outcomes(false, true), new MonitorChecks.RunCounts(), false), Check.DATA_QUALITY, "tenure");
    assertThat(quality.status, equalTo(Status.WARN));
    assertThat(quality.values.get("missing_share"), closeTo(0.2, 1e-12));
    assertThat(quality.finding, containsString("20.0 % missing, 0.0 % in training"));
  }

  @Test
  public void deadLettersAndRepeatedScoresWarnOnTheRecordsCheck() {
    MonitorChecks.RunCounts counts = new MonitorChecks.RunCounts();
    counts.customersRead = ROWS;
    counts.customerDeadLetters = 100;
    counts.customersScoredTwice = 3;
    Check records = find(checks.evaluate(profile(0, 72, 0), outcomes(false, true), counts, false), Check.DATA_QUALITY, "records");
    assertThat(records.status, equalTo(Status.WARN));
    assertThat(records.values.get("dead_letter_share"), closeTo(0.05, 1e-12));
    assertThat(records.finding, containsString("5.0 % of customer records dead-lettered"));
    assertThat(records.finding, containsString("3 customers scored more than once"));
  }

  @Test
  public void scoresThatNoLongerSeparateTheLabelsAskForRetraining() {
    List<Check> result = checks.evaluate(profile(0, 72, 0), outcomes(true, false), new MonitorChecks.RunCounts(), true);
    Check accuracy = find(result, Check.ACCURACY, "all");
    assertThat(accuracy.values.get("roc_auc"), closeTo(0.5, 0.05));
    assertThat(accuracy.status, equalTo(Status.RETRAIN));
    assertThat(accuracy.finding, containsString("below training"));
  }

  @Test
  public void scoresThatStillSeparateTheLabelsKeepTheirAccuracy() {
    Check accuracy = find(checks.evaluate(profile(0, 72, 0), outcomes(true, true), new MonitorChecks.RunCounts(), true), Check.ACCURACY, "all");
    assertThat(accuracy.values.get("roc_auc"), closeTo(5.0 / 6, 0.03));
    assertThat(accuracy.finding, accuracy.status, equalTo(Status.OK));
  }

  @Test
  public void labelsThatMatchNoScoreWarn() {
    MonitorChecks.RunCounts counts = new MonitorChecks.RunCounts();
    counts.labelsWithoutScore = 7;
    Check accuracy = find(checks.evaluate(profile(0, 72, 0), outcomes(false, true), counts, true), Check.ACCURACY, "all");
    assertThat(accuracy.status, equalTo(Status.WARN));
    assertThat(accuracy.finding, containsString("no label matches a scored customer (7 labels without a score)"));
  }

  @Test
  public void withoutLabelsThereIsNoAccuracyCheck() {
    List<Check> result = checks.evaluate(profile(0, 72, 0), outcomes(false, true), new MonitorChecks.RunCounts(), false);
    assertThat(result.stream().filter(c -> c.check.equals(Check.ACCURACY)).findFirst().orElse(null), nullValue());
  }
}
