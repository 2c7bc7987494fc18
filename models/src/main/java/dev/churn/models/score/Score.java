package dev.churn.models.score;

import java.util.List;

/** One customer's score: what every sink writes of it, apart from the run and the time. */
public final class Score {
  /** How many reasons a score gives at most. */
  public static final int MAX_REASONS = 3;

  public final String customerId;
  public final String segment;
  public final double churnProbability;
  /** {@code low}, {@code medium} or {@code high}. */
  public final String riskBand;
  /** The version and the segment model used: {@code v0001/Month-to-month}, {@code v0001/global}. */
  public final String modelVersion;
  /** Up to three readable reasons, strongest first. */
  public final List<String> reasons;

  public Score(String customerId, String segment, double churnProbability, String riskBand, String modelVersion, List<String> reasons) {
    this.customerId = customerId;
    this.segment = segment;
    this.churnProbability = churnProbability;
    this.riskBand = riskBand;
    this.modelVersion = modelVersion;
    this.reasons = List.copyOf(reasons);
  }

  /** The reason at {@code index} (0, 1, 2), or null when there are fewer. */
  public String reason(int index) {
    return index < reasons.size() ? reasons.get(index) : null;
  }
}
