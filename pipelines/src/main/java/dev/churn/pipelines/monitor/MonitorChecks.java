package dev.churn.pipelines.monitor;

import dev.churn.models.evaluate.BinaryMetrics;
import dev.churn.models.evaluate.Fairness;
import dev.churn.models.registry.VersionMetadata;
import dev.churn.models.train.SegmentModel;
import dev.churn.transforms.io.Text;
import dev.churn.transforms.monitor.Drift;
import dev.churn.transforms.monitor.FeatureProfile;
import dev.churn.transforms.monitor.Histogram;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.special.Erf;

/**
 * Turns what the monitoring pipeline counted into checks with statuses. A drift needs both a test that
 * rejects "same distribution" at {@link MonitorThresholds#pValue} and an effect above its limit: on
 * large runs any difference is significant, on small ones a large PSI can be chance.
 */
public final class MonitorChecks {
  private final MonitorThresholds limits;
  private final VersionMetadata training;

  public MonitorChecks(MonitorThresholds limits, VersionMetadata training) {
    this.limits = limits;
    this.training = training;
  }

  /** Counts of the run beyond the profiles: records read, dead letters, unmatched rows. */
  public static final class RunCounts {
    public long customersRead;
    public long customerDeadLetters;
    public long scoreDeadLetters;
    public long labelDeadLetters;
    public long customersNotScored;
    public long scoresWithoutCustomer;
    public long labelsWithoutScore;
    public long customersScoredTwice;
    public long customersWithConflictingLabels;
  }

  public List<Check> evaluate(FeatureProfile features, OutcomeStats outcomes, RunCounts counts, boolean labelled) {
    List<Check> checks = new ArrayList<>();
    FeatureProfile reference = training.trainingProfile.features;
    reference.numeric.forEach((input, histogram) -> checks.add(drift(input, Drift.of(histogram, features.numeric.get(input)))));
    reference.categorical.forEach(
        (input, values) -> checks.add(drift(input, Drift.of(values, features.categorical.get(input)))));
    checks.add(predictionDrift(outcomes));
    reference.numeric.forEach((input, histogram) -> checks.add(numericQuality(input, histogram, features.numeric.get(input))));
    reference.categorical.forEach((input, values) -> checks.add(categoricalQuality(input, reference, features)));
    checks.add(records(counts));
    if (labelled) {
      Check overall = accuracy("all", outcomes.overall, training.overall);
      if (outcomes.overall.labelled == 0) {
        overall.flag(Status.WARN, "no label matches a scored customer (" + counts.labelsWithoutScore
            + " labels without a score): are the labels for this run's customers?");
      }
      checks.add(overall);
      outcomes.segments.forEach(
          (segment, o) -> {
            VersionMetadata.SegmentEntry entry = training.segments.get(segment);
            if (entry != null && entry.validation != null) {
              checks.add(accuracy(segment, o, entry.validation));
            }
            checks.add(churnRate(segment, o));
          });
    }
    outcomes.fairness.forEach((attribute, groups) -> checks.add(fairness(attribute, groups, labelled)));
    return checks;
  }

  /** The worst status of the checks. */
  public static Status overall(List<Check> checks) {
    return checks.stream().map(c -> c.status).reduce(Status.OK, Status::worst);
  }

  private Check drift(String input, Drift drift) {
    return driftCheck(new Check(Check.FEATURE_DRIFT, input), drift);
  }

  private Check predictionDrift(OutcomeStats outcomes) {
    Histogram reference = training.trainingProfile.predictions;
    Check check = driftCheck(new Check(Check.PREDICTION_DRIFT, "churn_probability"), Drift.of(reference, outcomes.predictions));
    return check.value("mean", outcomes.overall.meanProbability(), training.trainingProfile.meanPrediction);
  }

  private Check driftCheck(Check check, Drift drift) {
    check.value("psi", drift.psi);
    if (drift.ks != null) {
      check.value("ks", drift.ks);
    }
    check.value("p_value", drift.pValue);
    if (drift.pValue >= limits.pValue) {
      return check;
    }
    if (drift.psi >= limits.psiRetrain) {
      check.flag(Status.RETRAIN, format("PSI %.3f >= %.2f", drift.psi, limits.psiRetrain));
    } else if (drift.psi >= limits.psiWarn) {
      check.flag(Status.WARN, format("PSI %.3f >= %.2f", drift.psi, limits.psiWarn));
    }
    if (drift.ks != null && drift.ks >= limits.ksWarn) {
      check.flag(Status.WARN, format("KS %.3f >= %.2f", drift.ks, limits.ksWarn));
    }
    return check;
  }

  private Check numericQuality(String input, Histogram reference, Histogram current) {
    Check check = new Check(Check.DATA_QUALITY, input);
    missing(check, share(reference.missing, reference.missing + reference.present()), share(current.missing, current.missing + current.present()));
    double outside = share(current.below + current.above, current.present());
    check.value("out_of_range_share", outside, 0);
    if (outside >= limits.outOfRangeWarn) {
      check.flag(Status.WARN, format("%.1f %% of values outside the training range [%s, %s]", 100 * outside, Text.number(reference.low), Text.number(reference.high)));
    }
    return check;
  }

  private Check categoricalQuality(String input, FeatureProfile reference, FeatureProfile current) {
    Check check = new Check(Check.DATA_QUALITY, input);
    missing(check, share(reference.missing(input), reference.rows), share(current.missing(input), current.rows));
    return check;
  }

  private void missing(Check check, double trainingShare, double share) {
    check.value("missing_share", share, trainingShare);
    if (share - trainingShare >= limits.missingWarn) {
      check.flag(Status.WARN, format("%.1f %% missing, %.1f %% in training", 100 * share, 100 * trainingShare));
    }
  }

  private Check records(RunCounts counts) {
    Check check = new Check(Check.DATA_QUALITY, "records");
    double deadLetters = share(counts.customerDeadLetters, counts.customersRead);
    check.value("customers_read", counts.customersRead)
        .value("dead_letter_share", deadLetters, share(training.trainingData.deadLetters, training.trainingData.rowsRead))
        .value("score_dead_letters", counts.scoreDeadLetters)
        .value("label_dead_letters", counts.labelDeadLetters)
        .value("customers_not_scored", counts.customersNotScored)
        .value("scores_without_customer", counts.scoresWithoutCustomer)
        .value("labels_without_score", counts.labelsWithoutScore)
        .value("customers_scored_more_than_once", counts.customersScoredTwice)
        .value("customers_with_conflicting_labels", counts.customersWithConflictingLabels);
    if (deadLetters >= limits.deadLetterWarn) {
      check.flag(Status.WARN, format("%.1f %% of customer records dead-lettered", 100 * deadLetters));
    }
    if (counts.scoreDeadLetters + counts.labelDeadLetters > 0) {
      check.flag(Status.WARN, (counts.scoreDeadLetters + counts.labelDeadLetters) + " score or label lines dead-lettered");
    }
    if (counts.customersNotScored + counts.scoresWithoutCustomer > 0) {
      check.flag(Status.WARN, counts.customersNotScored + " customers without a score, " + counts.scoresWithoutCustomer
          + " scores without a customer: were the scores made from this customers file?");
    }
    if (counts.customersWithConflictingLabels > 0) {
      check.flag(Status.WARN, counts.customersWithConflictingLabels + " customers labelled both churned and stayed: left unlabelled, their lines dead-lettered");
    }
    if (counts.customersScoredTwice > 0) {
      check.flag(Status.WARN, counts.customersScoredTwice + " customers scored more than once (several runs? give --run-id)");
    }
    return check;
  }

  /**
   * ROC AUC and calibration against the training's out-of-fold metrics. A fall of AUC counts when it is
   * above its limit and significant (one-sided z-test on both AUCs' standard errors); a calibration
   * error when it is above its limit and the Hosmer-Lemeshow test rejects calibration.
   */
  private Check accuracy(String subject, SegmentOutcomes outcomes, SegmentModel.Metrics trained) {
    Check check = new Check(Check.ACCURACY, subject);
    check.value("labelled", outcomes.labelled).value("accuracy", outcomes.accuracy());
    double auc = outcomes.rocAuc();
    double calibration = outcomes.calibrationError();
    check.value("roc_auc", auc, trained.rocAuc).value("calibration_error", calibration, trained.calibrationError);
    if (outcomes.labelled < limits.minLabelled || Double.isNaN(auc)) {
      return check;
    }
    double drop = trained.rocAuc - auc;
    double spread =
        Math.hypot(
            BinaryMetrics.aucStandardError(auc, outcomes.positives, outcomes.labelled - outcomes.positives),
            BinaryMetrics.aucStandardError(trained.rocAuc, trained.positives, trained.rows - trained.positives));
    double aucPValue = spread == 0 ? (drop > 0 ? 0 : 1) : 0.5 * Erf.erfc(drop / spread / Math.sqrt(2));
    check.value("roc_auc_drop_p_value", aucPValue);
    if (aucPValue < limits.pValue && drop >= limits.aucDropWarn) {
      Status status = drop >= limits.aucDropRetrain ? Status.RETRAIN : Status.WARN;
      check.flag(status, format("ROC AUC %.3f, %.3f below training", auc, drop));
    }
    double calibrationPValue = outcomes.calibrationPValue();
    check.value("calibration_p_value", calibrationPValue);
    if (calibrationPValue < limits.pValue && calibration >= limits.calibrationWarn) {
      Status status = calibration >= limits.calibrationRetrain ? Status.RETRAIN : Status.WARN;
      check.flag(status, format("calibration error %.3f", calibration));
    }
    return check;
  }

  private Check churnRate(String segment, SegmentOutcomes outcomes) {
    Check check = new Check(Check.CHURN_RATE, segment);
    VersionMetadata.SegmentEntry entry = training.segments.get(segment);
    check.value("labelled", outcomes.labelled).value("mean_probability", outcomes.meanProbability());
    if (entry == null || entry.rows == 0 || outcomes.labelled == 0) {
      return check.value("churn_rate", outcomes.churnRate());
    }
    double trainingRate = (double) entry.positives / entry.rows;
    double rate = outcomes.churnRate();
    check.value("churn_rate", rate, trainingRate);
    double pValue = Drift.shareChangePValue(entry.positives, entry.rows, outcomes.positives, outcomes.labelled);
    check.value("p_value", pValue);
    double change = Math.abs(rate - trainingRate);
    if (pValue < limits.pValue && change >= limits.churnRateWarn) {
      Status status = change >= limits.churnRateRetrain ? Status.RETRAIN : Status.WARN;
      check.flag(status, format("churn rate %.1f %%, %.1f %% in training", 100 * rate, 100 * trainingRate));
    }
    return check;
  }

  /**
   * Selection-rate and true-positive-rate ratios between the groups of a sensitive attribute. A ratio
   * counts when it is below its bound and also below its training value by more than
   * {@link MonitorThresholds#fairnessTolerance}: a model that was approved as it is does not warn on
   * every run, one that became less fair does.
   */
  private Check fairness(String attribute, Map<String, long[]> groups, boolean labelled) {
    Fairness fairness = Fairness.fromCounts(attribute, groups, limits.minGroupRows, labelled ? limits.minGroupPositives : Integer.MAX_VALUE);
    Fairness trained = training.fairness.stream().filter(f -> f.attribute.equals(attribute)).findFirst().orElse(null);
    Check check = new Check(Check.FAIRNESS, attribute);
    fairness.groups.forEach(
        (group, rates) -> {
          check.value("selection_rate[" + group + "]", rates.selectionRate);
          if (labelled && rates.truePositiveRate != null) {
            check.value("true_positive_rate[" + group + "]", rates.truePositiveRate);
          }
        });
    ratio(check, "selection_rate_ratio", fairness.selectionRateRatio, trained == null ? null : trained.selectionRateRatio,
        limits.minSelectionRateRatio);
    ratio(check, "true_positive_rate_ratio", fairness.truePositiveRateRatio, trained == null ? null : trained.truePositiveRateRatio,
        limits.minTruePositiveRateRatio);
    return check;
  }

  private void ratio(Check check, String metric, Double ratio, Double trained, double bound) {
    if (ratio == null) {
      return;
    }
    if (trained == null) {
      check.value(metric, ratio);
    } else {
      check.value(metric, ratio, trained);
    }
    if (ratio < bound && (trained == null || ratio < trained - limits.fairnessTolerance)) {
      check.flag(Status.WARN, format("%s %.2f < %.2f", metric.replace('_', ' '), ratio, bound)
          + (trained == null ? "" : format(" (%.2f in training)", trained)));
    }
  }

  private static double share(long part, long whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }

  private static String format(String pattern, Object... values) {
    return String.format(Locale.ROOT, pattern, values);
  }
}
