package dev.churn.models.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.churn.transforms.InvalidInputException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Hyperparameters of one candidate network. No hidden layers is logistic regression; otherwise a
 * multi-layer perceptron with ReLU layers of the given widths.
 */
public final class NetworkSpec implements Serializable {
  private static final long serialVersionUID = 1L;

  @JsonProperty public String name;
  @JsonProperty public int[] hidden = new int[0];
  @JsonProperty public double learningRate = 0.01;
  /**
   * Factor applied to Adam's learning rate after each epoch, so that the weights settle instead of
   * jittering at a constant step; 1 keeps the rate constant (models saved before it existed).
   */
  @JsonProperty public double learningRateDecay = 1;
  @JsonProperty public double l2 = 1e-4;
  @JsonProperty public int batchSize = 128;
  @JsonProperty public int maxEpochs = 60;
  /** Epochs without a lower mean fold log loss before cross-validation stops. */
  @JsonProperty public int patience = 20;

  /** The default candidates' learning rate decay: 5 % per epoch. */
  static final double DEFAULT_DECAY = 0.95;

  public NetworkSpec() {}

  public NetworkSpec(String name, int[] hidden, double learningRate, double l2, int maxEpochs) {
    this.name = name;
    this.hidden = hidden.clone();
    this.learningRate = learningRate;
    this.learningRateDecay = DEFAULT_DECAY;
    this.l2 = l2;
    this.maxEpochs = maxEpochs;
  }

  /**
   * The default candidates, simplest first: logistic regression, then perceptrons that differ in width,
   * depth, regularisation and learning rate.
   */
  public static List<NetworkSpec> defaultCandidates() {
    return List.of(
        new NetworkSpec("logistic", new int[0], 0.01, 1e-4, 100),
        new NetworkSpec("mlp-8", new int[] {8}, 0.003, 1e-3, 80),
        new NetworkSpec("mlp-16-8", new int[] {16, 8}, 0.003, 1e-3, 80),
        new NetworkSpec("mlp-32-16-l2", new int[] {32, 16}, 0.001, 1e-2, 80));
  }

  /** The default candidates with the given names, in the order given; an unknown name is an error. */
  public static List<NetworkSpec> named(List<String> names) {
    List<NetworkSpec> chosen = new ArrayList<>();
    for (String name : names) {
      chosen.add(
          defaultCandidates().stream()
              .filter(spec -> spec.name.equals(name))
              .findFirst()
              .orElseThrow(
                  () ->
                      new InvalidInputException(
                          "unknown candidate '" + name + "': choose from "
                              + defaultCandidates().stream().map(s -> s.name).collect(Collectors.joining(", ")))));
    }
    return chosen;
  }

  @Override
  public String toString() {
    return name + Arrays.toString(hidden);
  }
}
