package dev.churn.models.train;

import dev.churn.transforms.prepare.Preprocessing;
import java.util.Random;

/** Labelled data where churn depends on the first two inputs through a logistic model. */
final class Synthetic {
  private Synthetic() {}

  static TrainingData data(int rows, long seed) {
    Random random = new Random(seed);
    String[] ids = new String[rows];
    double[][] x = new double[rows][];
    double[] y = new double[rows];
    for (int i = 0; i < rows; i++) {
      ids[i] = String.format("c%05d", i);
      x[i] = new double[] {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
      double logit = -1.5 + 2.0 * x[i][0] - 1.0 * x[i][1];
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
