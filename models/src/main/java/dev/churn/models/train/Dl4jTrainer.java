package dev.churn.models.train;

import dev.churn.models.evaluate.BinaryMetrics;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * Trains one {@link NetworkSpec} with DL4J: class-weighted cross-entropy (the positive class weighted
 * by negatives / positives), Adam, L2, seeded initialisation and seeded mini-batch order, in double
 * precision so that the same seed and data give the same model to the last digit.
 */
public final class Dl4jTrainer {
  /** A trained network and the epoch count that early stopping chose. */
  public static final class Fitted {
    public final Dl4jNetwork network;
    public final int epochs;
    public final double validationAuc;

    Fitted(Dl4jNetwork network, int epochs, double validationAuc) {
      this.network = network;
      this.epochs = epochs;
      this.validationAuc = validationAuc;
    }
  }

  private Dl4jTrainer() {}

  /**
   * Trains on {@code train}, keeping the parameters of the epoch with the highest ROC AUC on
   * {@code validation} and stopping after {@link NetworkSpec#patience} epochs without improvement.
   * (AUC rather than log loss: under class weighting the log loss of the reweighted probabilities is
   * lowest long before the ranking stops improving.)
   */
  public static Fitted fitWithEarlyStopping(
      NetworkSpec spec, TrainingData train, TrainingData validation, long seed) {
    Dl4jNetwork model = newNetwork(spec, train, seed);
    MultiLayerNetwork net = model.network();
    Random order = new Random(seed);
    INDArray best = net.params().dup();
    double bestAuc = Double.NEGATIVE_INFINITY;
    int bestEpoch = 0;
    for (int epoch = 1; epoch <= spec.maxEpochs && epoch - bestEpoch <= spec.patience; epoch++) {
      fitEpoch(net, spec, train, order);
      double auc = BinaryMetrics.rocAuc(validation.labels(), model.predict(validation.features()));
      if (auc > bestAuc) {
        bestAuc = auc;
        bestEpoch = epoch;
        best = net.params().dup();
      }
    }
    net.setParams(best);
    return new Fitted(model, Math.max(bestEpoch, 1), bestAuc);
  }

  /** Trains on all of {@code data} for a fixed number of epochs (the refit after model choice). */
  public static Dl4jNetwork fit(NetworkSpec spec, TrainingData data, int epochs, long seed) {
    Dl4jNetwork model = newNetwork(spec, data, seed);
    Random order = new Random(seed);
    for (int epoch = 1; epoch <= epochs; epoch++) {
      fitEpoch(model.network(), spec, data, order);
    }
    return model;
  }

  private static Dl4jNetwork newNetwork(NetworkSpec spec, TrainingData data, long seed) {
    long positives = Math.max(1, data.positives());
    long negatives = Math.max(1, data.size() - data.positives());
    double positiveWeight = (double) negatives / positives;
    Nd4j.getRandom().setSeed(seed);
    int inputs = data.features()[0].length;
    NeuralNetConfiguration.ListBuilder layers =
        new NeuralNetConfiguration.Builder()
            .seed(seed)
            .dataType(DataType.DOUBLE)
            .weightInit(WeightInit.XAVIER)
            .updater(new Adam(spec.learningRate))
            .l2(spec.l2)
            .list();
    int width = inputs;
    for (int hidden : spec.hidden) {
      layers.layer(new DenseLayer.Builder().nIn(width).nOut(hidden).activation(Activation.RELU).build());
      width = hidden;
    }
    INDArray classWeights = Nd4j.create(new double[] {1.0, positiveWeight}, new long[] {1, 2}, DataType.DOUBLE);
    layers.layer(
        new OutputLayer.Builder(new LossMCXENT(classWeights))
            .nIn(width)
            .nOut(2)
            .activation(Activation.SOFTMAX)
            .build());
    MultiLayerConfiguration conf = layers.build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return new Dl4jNetwork(net, 1.0 / positiveWeight);
  }

  private static void fitEpoch(MultiLayerNetwork net, NetworkSpec spec, TrainingData data, Random order) {
    int n = data.size();
    int[] permutation = TrainingData.permutation(n, order);
    for (int start = 0; start < n; start += spec.batchSize) {
      int size = Math.min(spec.batchSize, n - start);
      double[][] x = new double[size][];
      double[][] y = new double[size][];
      for (int k = 0; k < size; k++) {
        int row = permutation[start + k];
        x[k] = data.features()[row];
        double label = data.labels()[row];
        y[k] = new double[] {1 - label, label};
      }
      net.fit(new DataSet(Nd4j.create(x), Nd4j.create(y)));
    }
  }
}
