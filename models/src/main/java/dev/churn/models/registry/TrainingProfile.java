package dev.churn.models.registry;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.churn.transforms.monitor.FeatureProfile;
import dev.churn.transforms.monitor.Histogram;

/**
 * What monitoring compares a scoring run with: the distribution of every input over the training rows,
 * and of the churn probabilities the served models give those rows.
 */
public final class TrainingProfile {
  /** Bins of the training rows' probabilities. */
  public static final int PREDICTION_BINS = 20;

  @JsonProperty public FeatureProfile features;
  @JsonProperty public Histogram predictions;
  @JsonProperty public double meanPrediction;

  public static TrainingProfile of(FeatureProfile features, double[] servedPredictions) {
    TrainingProfile profile = new TrainingProfile();
    profile.features = features;
    profile.predictions = Histogram.ofQuantiles(servedPredictions, PREDICTION_BINS);
    for (double p : servedPredictions) {
      profile.predictions.add(p);
    }
    profile.meanPrediction = java.util.Arrays.stream(servedPredictions).average().orElse(Double.NaN);
    return profile;
  }
}
