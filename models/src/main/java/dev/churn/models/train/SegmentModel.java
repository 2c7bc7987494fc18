package dev.churn.models.train;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.churn.models.evaluate.BinaryMetrics;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of training one segment (or the global model): which model serves it and why, its
 * cross-validated metrics, out-of-fold predictions and calibration, and the model bytes.
 */
public final class SegmentModel extends SegmentSummary {
  private static final long serialVersionUID = 1L;

  /** The segment key of the global model, trained on every row. */
  public static final String GLOBAL = "*";

  /** The segment is served by its own model. */
  public static final String OWN = "segment";
  /** The segment is served by the global model. */
  public static final String USES_GLOBAL = "global";

  @JsonProperty public String segment;
  @JsonProperty public String[] validationIds;
  @JsonProperty public double[] validationLabels;
  /** Calibrated out-of-fold predictions: each from a model that did not train on that row. */
  @JsonProperty public double[] validationPredictions;
  /**
   * What the model that serves the segment gives its own training rows: the distribution that new
   * customers' scores are compared with when monitoring for prediction drift.
   */
  @JsonProperty public double[] servedPredictions;
  /** Per validation row, its group of each sensitive attribute (in the schema's order). */
  @JsonProperty public String[][] validationGroups;

  /** The model that serves the segment; null when it uses the global model. */
  @JsonIgnore public byte[] model;

  /**
   * The out-of-fold predictions of the given customers; NaN for a customer the model did not train on
   * (one left out of its training sample).
   */
  public double[] outOfFold(String[] ids) {
    Map<String, Double> byId = new java.util.HashMap<>();
    for (int i = 0; i < validationIds.length; i++) {
      byId.put(validationIds[i], validationPredictions[i]);
    }
    double[] predictions = new double[ids.length];
    for (int i = 0; i < ids.length; i++) {
      predictions[i] = byId.getOrDefault(ids[i], Double.NaN);
    }
    return predictions;
  }

  public boolean isGlobal() {
    return GLOBAL.equals(segment);
  }

  // Beam compares elements by equals to detect mutation; two trainings of the same data are equal
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SegmentModel)) {
      return false;
    }
    SegmentModel other = (SegmentModel) o;
    return Objects.equals(segment, other.segment)
        && Objects.equals(source, other.source)
        && Objects.equals(reason, other.reason)
        && Objects.equals(candidate, other.candidate)
        && epochs == other.epochs
        && rows == other.rows
        && positives == other.positives
        && labelledRows == other.labelledRows
        && folds == other.folds
        && Objects.equals(candidateCvAuc, other.candidateCvAuc)
        && Arrays.equals(foldAuc, other.foldAuc)
        && Arrays.equals(servedPredictions, other.servedPredictions)
        && Objects.equals(calibration, other.calibration)
        && Objects.equals(importance, other.importance)
        && Arrays.equals(validationIds, other.validationIds)
        && Arrays.equals(validationLabels, other.validationLabels)
        && Arrays.equals(validationPredictions, other.validationPredictions)
        && Arrays.deepEquals(validationGroups, other.validationGroups)
        && Arrays.equals(model, other.model);
  }

  @Override
  public int hashCode() {
    return Objects.hash(segment, source, candidate, epochs, rows, positives);
  }

  /** Validation metrics of the chosen model. */
  public static final class Metrics implements Serializable {
    private static final long serialVersionUID = 1L;
    @JsonProperty public long rows;
    @JsonProperty public long positives;
    @JsonProperty public double rocAuc;
    @JsonProperty public double prAuc;
    @JsonProperty public double logLoss;
    @JsonProperty public double calibrationError;

    public static Metrics of(double[] labels, double[] predictions) {
      Metrics metrics = new Metrics();
      metrics.rows = labels.length;
      metrics.positives = BinaryMetrics.positives(labels);
      metrics.rocAuc = BinaryMetrics.rocAuc(labels, predictions);
      metrics.prAuc = BinaryMetrics.prAuc(labels, predictions);
      metrics.logLoss = BinaryMetrics.logLoss(labels, predictions);
      metrics.calibrationError = BinaryMetrics.expectedCalibrationError(labels, predictions);
      return metrics;
    }
  }
}
