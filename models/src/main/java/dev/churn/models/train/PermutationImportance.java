package dev.churn.models.train;

import dev.churn.models.evaluate.BinaryMetrics;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Permutation importance on held-out data: for each input column, how much ROC AUC each fold's network
 * loses on its held-out fold when that column's model inputs (all of a one-hot group together) are
 * shuffled across the rows, averaged over the folds; most important first. Seeded, so reproducible.
 */
final class PermutationImportance {
  private PermutationImportance() {}

  static Map<String, Double> of(
      CrossValidation cv, TrainingData data, int[] folds, List<String> columns, List<int[]> positions, long seed) {
    int k = cv.foldNetworks.length;
    double[] drop = new double[columns.size()];
    for (int fold = 0; fold < k; fold++) {
      TrainingData heldOut = data.fold(folds, fold, true);
      Dl4jNetwork network = cv.foldNetworks[fold];
      double base = BinaryMetrics.rocAuc(heldOut.labels(), network.predict(heldOut.features()));
      for (int c = 0; c < columns.size(); c++) {
        double[][] shuffled = shuffle(heldOut.features(), positions.get(c), new Random(seed * 1_000_003L + c * 31L + fold));
        drop[c] += (base - BinaryMetrics.rocAuc(heldOut.labels(), network.predict(shuffled))) / k;
      }
    }
    Map<String, Double> importance = new LinkedHashMap<>();
    IntStream.range(0, columns.size())
        .boxed()
        .sorted(Comparator.comparingDouble((Integer c) -> -drop[c]).thenComparing(c -> c))
        .forEach(c -> importance.put(columns.get(c), drop[c]));
    return importance;
  }

  private static double[][] shuffle(double[][] features, int[] columns, Random random) {
    int n = features.length;
    int[] order = TrainingData.permutation(n, random);
    double[][] copy = new double[n][];
    for (int i = 0; i < n; i++) {
      copy[i] = features[i].clone();
      for (int column : columns) {
        copy[i][column] = features[order[i]][column];
      }
    }
    return copy;
  }
}
