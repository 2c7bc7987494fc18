package dev.churn.models.train;

import dev.churn.transforms.prepare.Preprocessing;
import java.util.Random;

/** Labelled data where churn depends on the inputs through a logistic model. */
final class Synthetic {
  private Synthetic() {}

  /** Churn depends on the first two inputs: logit = -1.5 + 2 x0 - x1. */
  static TrainingData data(int rows, long seed) {
    return data(rows, seed, new double[] {2.0, -1.0, 0.0});
  }

  /** Churn depends on the three inputs with these weights (and an intercept of -1.5). */
  static TrainingData data(int rows, long seed, double[] weights) {
    Random random = new Random(seed);
    String[] ids = new String[rows];
    double[][] x = new double[rows][];
    double[] y = new double[rows];
    for (int i = 0; i < rows; i++) {
      ids[i] = String.format("c%05d", i);
      x[i] = new double[] {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
      double logit = -1.5 + weights[0] * x[i][0] + weights[1] * x[i][1] + weights[2] * x[i][2];
      y[i] = random.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
    }
    return new TrainingData(ids, x, y);
  }

  /** The preparation of these inputs: three standard normal columns x0, x1, x2. */
  static Preprocessing preprocessing() {
    Preprocessing preprocessing = new Preprocessing();
    for (int i = 0; i < 3; i++) {
      Preprocessing.Numeric column = new Preprocessing.Numeric();
      column.name = "x" + i;
      column.std = 1;
      preprocessing.numeric.add(column);
    }
    return preprocessing;
  }
}
