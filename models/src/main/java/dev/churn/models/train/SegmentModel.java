package dev.churn.models.train;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.churn.models.evaluate.BinaryMetrics;
import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of training one segment (or the global model): which model serves it and why, its
 * validation metrics and predictions, and the model bytes.
 */
public final class SegmentModel implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The segment key of the global model, trained on every row. */
  public static final String GLOBAL = "*";

  /** The segment is served by its own model. */
  public static final String OWN = "segment";
  /** The segment is served by the global model. */
  public static final String USES_GLOBAL = "global";

  @JsonProperty public String segment;
  @JsonProperty public String source;
  @JsonProperty public String reason;
  @JsonProperty public String candidate;
  @JsonProperty public int epochs;
  @JsonProperty public long rows;
  @JsonProperty public long positives;
  @JsonProperty public Map<String, Double> candidateValidationAuc = new LinkedHashMap<>();
  @JsonProperty public Metrics validation;
  @JsonProperty public double[] validationLabels;
  @JsonProperty public double[] validationPredictions;

  /** The model that serves the segment; null when it uses the global model. */
  @JsonIgnore public byte[] model;

  /** The model trained without the validation rows: lets segments compare themselves against it. */
  @JsonIgnore public byte[] holdoutModel;

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
        && Objects.equals(candidateValidationAuc, other.candidateValidationAuc)
        && Arrays.equals(validationLabels, other.validationLabels)
        && Arrays.equals(validationPredictions, other.validationPredictions)
        && Arrays.equals(model, other.model)
        && Arrays.equals(holdoutModel, other.holdoutModel);
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

    public static Metrics of(double[] labels, double[] predictions) {
      Metrics metrics = new Metrics();
      metrics.rows = labels.length;
      metrics.positives = BinaryMetrics.positives(labels);
      metrics.rocAuc = BinaryMetrics.rocAuc(labels, predictions);
      metrics.prAuc = BinaryMetrics.prAuc(labels, predictions);
      metrics.logLoss = BinaryMetrics.logLoss(labels, predictions);
      return metrics;
    }
  }
}
