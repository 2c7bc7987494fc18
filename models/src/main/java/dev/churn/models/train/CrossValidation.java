package dev.churn.models.train;

import dev.churn.models.evaluate.BinaryMetrics;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * k-fold cross-validation of one candidate network. The k fold networks (each trained on the other
 * folds) train in step, epoch by epoch; after each epoch every network predicts its held-out fold, and
 * the epoch count with the lowest mean fold log loss is kept (training stops {@link NetworkSpec#patience}
 * epochs after it). Log loss, not ROC AUC: it is smooth, and it keeps falling while the weights settle,
 * where the fold AUCs wobble and an early peak stops a model far from converged. Every row gets its
 * out-of-fold prediction from that epoch, and the refit on all rows trains for the same count, so the
 * calibration fitted on the out-of-fold predictions suits it.
 */
final class CrossValidation {
  final NetworkSpec spec;
  final double[] outOfFold;
  final Dl4jNetwork[] foldNetworks;
  int epochs;

  private CrossValidation(NetworkSpec spec, int k, int rows) {
    this.spec = spec;
    this.outOfFold = new double[rows];
    this.foldNetworks = new Dl4jNetwork[k];
  }

  static CrossValidation run(NetworkSpec spec, TrainingData data, int[] folds, int k, long seed) {
    CrossValidation cv = new CrossValidation(spec, k, data.size());
    TrainingData[] training = new TrainingData[k];
    TrainingData[] heldOut = new TrainingData[k];
    Random[] order = new Random[k];
    INDArray[] best = new INDArray[k];
    for (int fold = 0; fold < k; fold++) {
      training[fold] = data.fold(folds, fold, false);
      heldOut[fold] = data.fold(folds, fold, true);
      cv.foldNetworks[fold] = Dl4jTrainer.newNetwork(spec, training[fold], seed);
      order[fold] = new Random(seed);
    }
    double[][] bestPredictions = new double[k][];
    double bestLoss = Double.POSITIVE_INFINITY;
    for (int epoch = 1; epoch <= spec.maxEpochs && epoch - cv.epochs <= spec.patience; epoch++) {
      double[][] predictions = new double[k][];
      double meanLoss = 0;
      for (int fold = 0; fold < k; fold++) {
        Dl4jTrainer.fitEpoch(cv.foldNetworks[fold].network(), spec, training[fold], order[fold]);
        predictions[fold] = cv.foldNetworks[fold].predict(heldOut[fold].features());
        meanLoss += BinaryMetrics.logLoss(heldOut[fold].labels(), predictions[fold]) / k;
      }
      if (meanLoss < bestLoss) {
        bestLoss = meanLoss;
        cv.epochs = epoch;
        bestPredictions = predictions;
        for (int fold = 0; fold < k; fold++) {
          best[fold] = cv.foldNetworks[fold].network().params().dup();
        }
      }
    }
    for (int fold = 0; fold < k; fold++) {
      cv.foldNetworks[fold].network().setParams(best[fold]);
      List<Integer> held = TrainingData.positionsOf(folds, fold, true);
      for (int r = 0; r < held.size(); r++) {
        cv.outOfFold[held.get(r)] = bestPredictions[fold][r];
      }
    }
    cv.epochs = Math.max(cv.epochs, 1);
    return cv;
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
