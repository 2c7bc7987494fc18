package dev.churn.models.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** How segments are trained: seed, number of folds, the minimum and maximum rows of a segment, the candidates. */
public final class TrainerSettings implements Serializable {
  private static final long serialVersionUID = 1L;

  @JsonProperty public long seed = 42;
  /** Stratified cross-validation folds that candidates are compared and calibrated on. */
  @JsonProperty public int folds = 5;
  /** A segment with fewer rows uses the global model. */
  @JsonProperty public int minRows = 500;
  /** A segment with fewer churned customers uses the global model. */
  @JsonProperty public int minPositives = 50;

  /**
   * At most this many labelled rows of a segment (and of the global model) are trained on: a sample
   * chosen by a seeded hash of the customer ids, so that a segment's memory stays bounded however large
   * it is.
   */
  @JsonProperty public int maxRows = 100_000;

  /**
   * A simpler candidate within this much cross-validated ROC AUC of the best (or within one standard
   * error of the best's mean fold AUC, when that is larger) is chosen over it.
   */
  @JsonProperty public double selectionTolerance = 0.005;

  /** Candidate networks, simplest first (the order breaks ties within the tolerance). */
  @JsonProperty public List<NetworkSpec> candidates = new ArrayList<>(NetworkSpec.defaultCandidates());
}
