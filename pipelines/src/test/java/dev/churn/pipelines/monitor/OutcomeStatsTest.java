package dev.churn.pipelines.monitor;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;

import dev.churn.models.evaluate.BinaryMetrics;
import dev.churn.models.evaluate.Fairness;
import dev.churn.pipelines.rows.ScoreRows;
import dev.churn.transforms.monitor.Histogram;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.Test;

public class OutcomeStatsTest {
  private static final double THRESHOLD = 0.5;

  private static Row customer(String id, String segment, double probability, Boolean churned, String gender, String... reasons) {
    return Row.withSchema(ScoreRows.LABELLED_SCHEMA)
        .addValues("run", new Instant(0), id, segment, probability, probability >= 0.6 ? "high" : "low", "v0001")
        .addValues(reasons.length > 0 ? reasons[0] : null, reasons.length > 1 ? reasons[1] : null, reasons.length > 2 ? reasons[2] : null)
        .addValues(churned, Map.of("gender", gender))
        .build();
  }

  /** Ten customers, five per gender, split over two accumulators as two workers would. */
  private static OutcomeStats tenCustomers() {
    OutcomeFn fn = new OutcomeFn(Histogram.fromQuantiles(List.of(0.0, 0.5, 1.0)), THRESHOLD);
    OutcomeStats first = fn.createAccumulator();
    fn.addInput(first, customer("f1", "a", 0.9, true, "F", "tenure = 2 months (low)", "Contract = Month-to-month"));
    fn.addInput(first, customer("f2", "a", 0.7, false, "F", "tenure = 5 months (low)"));
    fn.addInput(first, customer("f3", "b", 0.4, true, "F"));
    fn.addInput(first, customer("f4", "b", 0.2, false, "F"));
    fn.addInput(first, customer("f5", "a", 0.6, true, "F", "Contract = Month-to-month"));
    OutcomeStats second = fn.createAccumulator();
    fn.addInput(second, customer("m1", "a", 0.8, true, "M"));
    fn.addInput(second, customer("m2", "b", 0.3, true, "M"));
    fn.addInput(second, customer("m3", "b", 0.1, false, "M"));
    fn.addInput(second, customer("m4", "a", 0.55, false, "M"));
    fn.addInput(second, customer("m5", "b", 0.45, true, "M"));
    return fn.mergeAccumulators(List.of(first, second));
  }

  @Test
  public void fairnessMatchesAHandComputation() {
    // at threshold 0.5: F selects 0.9, 0.7, 0.6 of 5 (0.6) and catches 2 of its 3 churners (0.9, 0.6);
    // M selects 0.8, 0.55 of 5 (0.4) and catches 1 of its 3 churners (0.8)
    Fairness fairness = Fairness.fromCounts("gender", tenCustomers().fairness.get("gender"), 1, 1);
    assertThat(fairness.groups.get("F").selectionRate, closeTo(0.6, 1e-12));
    assertThat(fairness.groups.get("M").selectionRate, closeTo(0.4, 1e-12));
    assertThat(fairness.groups.get("F").truePositiveRate, closeTo(2.0 / 3, 1e-12));
    assertThat(fairness.groups.get("M").truePositiveRate, closeTo(1.0 / 3, 1e-12));
    assertThat(fairness.selectionRateRatio, closeTo(0.4 / 0.6, 1e-12));
    assertThat(fairness.truePositiveRateRatio, closeTo(0.5, 1e-12));
    assertThat(fairness.groups.get("F").rows, equalTo(5L));
    assertThat(fairness.groups.get("M").positives, equalTo(3L));
  }

  @Test
  public void countsBandsSegmentsAndReasonsByInput() {
    OutcomeStats stats = tenCustomers();
    assertThat(stats.overall.rows, equalTo(10L));
    assertThat(stats.segments.get("a").rows, equalTo(5L));
    assertThat(stats.overall.bands, equalTo(Map.of("high", 4L, "low", 6L)));
    // a numeric reason counts by input and direction, a categorical one by its value
    assertThat(stats.overall.reasons, equalTo(Map.of("tenure (low)", 2L, "Contract = Month-to-month", 2L)));
    // true positives 0.9, 0.6, 0.8; false positives 0.7, 0.55; true negatives 0.2, 0.1; false negatives 0.4, 0.3, 0.45
    assertThat(stats.overall.confusion, equalTo(new long[] {3, 2, 2, 3}));
    assertThat(stats.overall.accuracy(), closeTo(0.5, 1e-12));
    assertThat(stats.predictions.counts, equalTo(new long[] {5, 5}));
    assertThat(stats.runIds, equalTo(Map.of("run", 10L)));
  }

  @Test
  public void aucAndCalibrationErrorFromTheHistogramsMatchTheExactOnes() {
    Random random = new Random(7);
    OutcomeFn fn = new OutcomeFn(Histogram.fromQuantiles(List.of(0.0, 1.0)), THRESHOLD);
    OutcomeStats stats = fn.createAccumulator();
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      double p = Math.min(1, Math.max(0, 0.3 + 0.2 * random.nextGaussian()));
      boolean churned = random.nextDouble() < p;
      rows.add(new double[] {churned ? 1 : 0, p});
      fn.addInput(stats, customer("c" + i, "a", p, churned, "F"));
    }
    double[] labels = rows.stream().mapToDouble(r -> r[0]).toArray();
    double[] probabilities = rows.stream().mapToDouble(r -> r[1]).toArray();
    assertThat(stats.overall.rocAuc(), closeTo(BinaryMetrics.rocAuc(labels, probabilities), 1e-3));
    assertThat(stats.overall.calibrationError(), closeTo(BinaryMetrics.expectedCalibrationError(labels, probabilities), 1e-12));
    // calibrated by construction: the Hosmer-Lemeshow test does not reject it
    assertThat(stats.overall.calibrationPValue() > 0.01, equalTo(true));
    double[][] roc = stats.overall.rocCurve();
    assertThat(roc[0], equalTo(new double[] {0, 0}));
    assertThat(roc[roc.length - 1], equalTo(new double[] {1, 1}));
  }

  @Test
  public void unlabelledCustomersCountForRiskAndSelectionButNotForAccuracy() {
    OutcomeFn fn = new OutcomeFn(Histogram.fromQuantiles(List.of(0.0, 1.0)), THRESHOLD);
    OutcomeStats stats = fn.createAccumulator();
    fn.addInput(stats, customer("u1", "a", 0.9, null, "F"));
    fn.addInput(stats, customer("u2", "a", 0.1, null, "F"));
    assertThat(stats.overall.rows, equalTo(2L));
    assertThat(stats.overall.labelled, equalTo(0L));
    assertThat(Double.isNaN(stats.overall.rocAuc()), equalTo(true));
    Fairness fairness = Fairness.fromCounts("gender", stats.fairness.get("gender"), 1, 1);
    assertThat(fairness.groups.get("F").selectionRate, closeTo(0.5, 1e-12));
    assertThat(fairness.groups.get("F").truePositiveRate == null, equalTo(true));
  }
}
