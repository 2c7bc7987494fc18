package dev.churn.models.train;

import dev.churn.models.ChurnModel;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;

/**
 * A {@link Dl4jNetwork}'s predictions computed by plain Java loops over a copy of its weights: ReLU
 * dense layers, then the two-class softmax, the prior-odds correction and the calibration. It is the
 * baseline the benchmarks hold DL4J's batched scoring against, and a check that both compute the same.
 */
public final class PlainForwardPass implements ChurnModel {
  /** Per layer: weights [out][in] (transposed, so that a row is read in order) and biases. */
  private final double[][][] weights;
  private final double[][] biases;
  private final Dl4jNetwork model;
  private final double[] logitCoefficients;

  public PlainForwardPass(Dl4jNetwork model) {
    this.model = model;
    this.logitCoefficients = model.logitCoefficients();
    MultiLayerNetwork network = model.network();
    Layer[] layers = network.getLayers();
    weights = new double[layers.length][][];
    biases = new double[layers.length][];
    for (int l = 0; l < layers.length; l++) {
      BaseLayer conf = (BaseLayer) layers[l].conf().getLayer();
      boolean last = l == layers.length - 1;
      boolean supported =
          last
              ? conf instanceof OutputLayer && conf.getActivationFn() instanceof ActivationSoftmax && ((OutputLayer) conf).getNOut() == 2
              : conf instanceof DenseLayer && conf.getActivationFn() instanceof ActivationReLU;
      if (!supported) {
        throw new IllegalArgumentException("layer " + l + " is not a ReLU dense layer or a two-class softmax output: " + conf);
      }
      double[][] w = layers[l].getParam("W").toDoubleMatrix();
      double[][] transposed = new double[w[0].length][w.length];
      for (int i = 0; i < w.length; i++) {
        for (int o = 0; o < w[i].length; o++) {
          transposed[o][i] = w[i][o];
        }
      }
      weights[l] = transposed;
      biases[l] = layers[l].getParam("b").toDoubleVector();
    }
  }

  @Override
  public double[] predict(double[][] features) {
    double[] probabilities = new double[features.length];
    for (int row = 0; row < features.length; row++) {
      probabilities[row] = model.fromWeightedProbability(weightedProbability(features[row]));
    }
    return probabilities;
  }

  /** The softmax's churn column for one row. */
  private double weightedProbability(double[] input) {
    double[] activations = input;
    int last = weights.length - 1;
    for (int l = 0; l < last; l++) {
      activations = dense(weights[l], biases[l], activations, true);
    }
    double[] z = dense(weights[last], biases[last], activations, false);
    return 1 / (1 + Math.exp(z[0] - z[1]));
  }

  private static double[] dense(double[][] w, double[] b, double[] x, boolean relu) {
    double[] out = new double[w.length];
    for (int o = 0; o < w.length; o++) {
      double[] row = w[o];
      double sum = b[o];
      for (int i = 0; i < x.length; i++) {
        sum += row[i] * x[i];
      }
      out[o] = relu ? Math.max(0, sum) : sum;
    }
    return out;
  }

  @Override
  public double[] logitCoefficients() {
    return logitCoefficients == null ? null : logitCoefficients.clone();
  }

  /** Reads only its own arrays: safe for any number of threads. */
  @Override
  public ChurnModel forConcurrentUse() {
    return this;
  }

  @Override
  public byte[] toBytes() {
    return model.toBytes();
  }
}
