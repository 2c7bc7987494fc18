package dev.churn.pipelines.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One monitoring check of one subject (an input, a segment, a sensitive attribute): its measured values,
 * the training values they compare with, and its status.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class Check {
  public static final String FEATURE_DRIFT = "feature_drift";
  public static final String PREDICTION_DRIFT = "prediction_drift";
  public static final String DATA_QUALITY = "data_quality";
  public static final String ACCURACY = "accuracy";
  public static final String CHURN_RATE = "churn_rate";
  public static final String FAIRNESS = "fairness";

  @JsonProperty public final String check;
  @JsonProperty public final String subject;
  @JsonProperty public Status status = Status.OK;
  @JsonProperty public final Map<String, Double> values = new LinkedHashMap<>();
  /** The training value of each measured value that has one. */
  @JsonProperty public final Map<String, Double> training = new LinkedHashMap<>();
  /** Why the status is not OK, in words. */
  @JsonProperty public String finding;

  Check(String check, String subject) {
    this.check = check;
    this.subject = subject;
  }

  Check value(String metric, double value) {
    values.put(metric, value);
    return this;
  }

  Check value(String metric, double value, double trainingValue) {
    training.put(metric, trainingValue);
    return value(metric, value);
  }

  /** Raises the status to {@code status} with a finding (findings add up). */
  void flag(Status status, String finding) {
    this.status = this.status.worst(status);
    this.finding = this.finding == null ? finding : this.finding + "; " + finding;
  }

  public boolean flagged() {
    return status != Status.OK;
  }
}
