package dev.churn.models.train;

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
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * Trains one {@link NetworkSpec} with DL4J: class-weighted cross-entropy (the positive class weighted
 * by negatives / positives), Adam with the spec's learning rate decayed after each epoch, L2, seeded
 * initialisation and seeded mini-batch order, in double precision so that the same seed and data give
 * the same model to the last digit.
 */
public final class Dl4jTrainer {
  private Dl4jTrainer() {}

  /** Trains on all of {@code data} for a fixed number of epochs (the refit after model choice). */
  public static Dl4jNetwork fit(NetworkSpec spec, TrainingData data, int epochs, long seed) {
    Dl4jNetwork model = newNetwork(spec, data, seed);
    Random order = new Random(seed);
    for (int epoch = 1; epoch <= epochs; epoch++) {
      fitEpoch(model.network(), spec, data, order);
    }
    return model;
  }

  static Dl4jNetwork newNetwork(NetworkSpec spec, TrainingData data, long seed) {
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
            .updater(
                new Adam(new ExponentialSchedule(ScheduleType.EPOCH, spec.learningRate, spec.learningRateDecay)))
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

  static void fitEpoch(MultiLayerNetwork net, NetworkSpec spec, TrainingData data, Random order) {
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
    net.incrementEpochCount();
  }
}
