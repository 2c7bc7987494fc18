package dev.churn.models.train;

import dev.churn.models.evaluate.BinaryMetrics;
import java.util.Arrays;
import java.util.List;

/**
 * k-fold cross-validation of one candidate network. Each fold's network trains on the other folds,
 * stopping early on an inner validation part of them (so the held-out fold plays no part in training or
 * in choosing the epoch count), and predicts its fold: every row gets one out-of-fold prediction.
 */
final class CrossValidation {
  /** Share of a fold's training rows set aside to choose the epoch count. */
  static final double EARLY_STOPPING_SHARE = 0.15;

  final NetworkSpec spec;
  final double[] outOfFold;
  final int[] foldEpochs;
  final Dl4jNetwork[] foldNetworks;

  private CrossValidation(NetworkSpec spec, int k, int rows) {
    this.spec = spec;
    this.outOfFold = new double[rows];
    this.foldEpochs = new int[k];
    this.foldNetworks = new Dl4jNetwork[k];
  }

  static CrossValidation run(NetworkSpec spec, TrainingData data, int[] folds, int k, long seed) {
    CrossValidation cv = new CrossValidation(spec, k, data.size());
    for (int fold = 0; fold < k; fold++) {
      TrainingData rest = data.fold(folds, fold, false);
      List<Integer> held = TrainingData.positionsOf(folds, fold, true);
      TrainingData heldOut = data.select(held);
      TrainingData[] inner = rest.splitByHash(EARLY_STOPPING_SHARE, seed + fold + 1);
      Dl4jTrainer.Fitted fitted = Dl4jTrainer.fitWithEarlyStopping(spec, inner[0], inner[1], seed);
      double[] predictions = fitted.network.predict(heldOut.features());
      for (int r = 0; r < held.size(); r++) {
        cv.outOfFold[held.get(r)] = predictions[r];
      }
      cv.foldEpochs[fold] = fitted.epochs;
      cv.foldNetworks[fold] = fitted.network;
    }
    return cv;
  }

  /** The epoch count for the refit on all rows: the median of the folds'. */
  int refitEpochs() {
    int[] sorted = foldEpochs.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /** ROC AUC of out-of-fold predictions within each fold. */
  static double[] foldAucs(TrainingData data, int[] folds, int k, double[] predictions) {
    double[] aucs = new double[k];
    for (int fold = 0; fold < k; fold++) {
      List<Integer> held = TrainingData.positionsOf(folds, fold, true);
      double[] y = held.stream().mapToDouble(p -> data.labels()[p]).toArray();
      double[] p = held.stream().mapToDouble(q -> predictions[q]).toArray();
      aucs[fold] = BinaryMetrics.rocAuc(y, p);
    }
    return aucs;
  }
}
