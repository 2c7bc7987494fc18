package dev.churn.pipelines.monitor;

import dev.churn.models.registry.PromotionGate;
import picocli.CommandLine.Option;

/** When a check warns or asks for retraining; every limit is an option of {@code churn monitor}. */
public final class MonitorThresholds {
  private static final PromotionGate GATE = new PromotionGate();

  @Option(names = "--p-value", defaultValue = "0.01", description = "a drift or churn-rate change counts only when its test's p-value is below this (default: ${DEFAULT-VALUE})")
  public double pValue;

  @Option(names = "--psi-warn", defaultValue = "0.1", description = "population stability index that warns (default: ${DEFAULT-VALUE})")
  public double psiWarn;

  @Option(names = "--psi-retrain", defaultValue = "0.25", description = "population stability index that asks for retraining (default: ${DEFAULT-VALUE})")
  public double psiRetrain;

  @Option(names = "--ks-warn", defaultValue = "0.1", description = "Kolmogorov-Smirnov statistic of a numeric input that warns (default: ${DEFAULT-VALUE})")
  public double ksWarn;

  @Option(names = "--missing-warn", defaultValue = "0.05", description = "rise of an input's share of missing values over training that warns (default: ${DEFAULT-VALUE})")
  public double missingWarn;

  @Option(names = "--out-of-range-warn", defaultValue = "0.01", description = "share of an input's values outside its training range that warns (default: ${DEFAULT-VALUE})")
  public double outOfRangeWarn;

  @Option(names = "--dead-letter-warn", defaultValue = "0.01", description = "share of dead-lettered customer records that warns (default: ${DEFAULT-VALUE})")
  public double deadLetterWarn;

  @Option(names = "--auc-drop-warn", defaultValue = "0.03", description = "fall of ROC AUC below training that warns (default: ${DEFAULT-VALUE})")
  public double aucDropWarn;

  @Option(names = "--auc-drop-retrain", defaultValue = "0.05", description = "fall of ROC AUC below training that asks for retraining (default: ${DEFAULT-VALUE})")
  public double aucDropRetrain;

  @Option(names = "--calibration-warn", defaultValue = "0.05", description = "expected calibration error that warns (default: ${DEFAULT-VALUE})")
  public double calibrationWarn;

  @Option(names = "--calibration-retrain", defaultValue = "0.1", description = "expected calibration error that asks for retraining (default: ${DEFAULT-VALUE})")
  public double calibrationRetrain;

  @Option(names = "--churn-rate-warn", defaultValue = "0.05", description = "change of a segment's churn rate from training that warns (default: ${DEFAULT-VALUE})")
  public double churnRateWarn;

  @Option(names = "--churn-rate-retrain", defaultValue = "0.1", description = "change of a segment's churn rate from training that asks for retraining (default: ${DEFAULT-VALUE})")
  public double churnRateRetrain;

  @Option(names = "--min-labelled", defaultValue = "200", description = "labelled customers a segment needs before its ROC AUC and calibration are checked (default: ${DEFAULT-VALUE})")
  public long minLabelled;

  @Option(names = "--min-selection-rate-ratio", description = "lowest selection-rate ratio between groups before fairness warns (default: the promotion gate's, 0.4)")
  public double minSelectionRateRatio = GATE.minSelectionRateRatio;

  @Option(names = "--min-true-positive-rate-ratio", description = "lowest true-positive-rate ratio between groups before fairness warns (default: the promotion gate's, 0.8)")
  public double minTruePositiveRateRatio = GATE.minTruePositiveRateRatio;

  @Option(names = "--fairness-tolerance", defaultValue = "0.1", description = "a fairness ratio below its bound warns only when it is also this much below its training value (default: ${DEFAULT-VALUE})")
  public double fairnessTolerance;

  /** Groups smaller than this stay out of the fairness ratios (the promotion gate's limits). */
  public int minGroupRows = GATE.minGroupRows;

  public int minGroupPositives = GATE.minGroupPositives;

  /** Only picocli makes one with {@code new}: its defaults are the options' default values. */
  private MonitorThresholds() {}

  /** The defaults, for use outside the command line. */
  public static MonitorThresholds defaults() {
    MonitorThresholds thresholds = new MonitorThresholds();
    picocli.CommandLine.populateCommand(thresholds);
    return thresholds;
  }
}
