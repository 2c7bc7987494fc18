package dev.churn.models.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What training decided for one segment and how well it did: what a trained {@link SegmentModel} and a
 * version's metadata entry of the segment both hold.
 */
public class SegmentSummary implements Serializable {
  private static final long serialVersionUID = 1L;

  /** {@code segment}: its own model; {@code global}: the global model. */
  @JsonProperty public String source;
  @JsonProperty public String reason;
  @JsonProperty public String candidate;
  @JsonProperty public int epochs;
  /** Rows trained on: all the segment's labelled rows, or a sample of {@link #labelledRows}. */
  @JsonProperty public long rows;
  @JsonProperty public long positives;
  /** The segment's labelled rows, of which {@link #rows} were trained on. */
  @JsonProperty public long labelledRows;
  @JsonProperty public int folds;
  /** Mean cross-validated ROC AUC of every candidate (the global model's out-of-fold too). */
  @JsonProperty public Map<String, Double> candidateCvAuc = new LinkedHashMap<>();
  /** ROC AUC of the chosen model in each fold. */
  @JsonProperty public double[] foldAuc;
  @JsonProperty public PlattScaling calibration;
  /** Permutation importance (ROC AUC lost) per input column, most important first. */
  @JsonProperty public Map<String, Double> importance = new LinkedHashMap<>();
  /** Metrics of the calibrated out-of-fold predictions. */
  @JsonProperty public SegmentModel.Metrics validation;

  /** Makes this summary the same as {@code other}'s. */
  protected void summarize(SegmentSummary other) {
    source = other.source;
    reason = other.reason;
    candidate = other.candidate;
    epochs = other.epochs;
    rows = other.rows;
    positives = other.positives;
    labelledRows = other.labelledRows;
    folds = other.folds;
    candidateCvAuc = other.candidateCvAuc;
    foldAuc = other.foldAuc;
    calibration = other.calibration;
    importance = other.importance;
    validation = other.validation;
  }
}
