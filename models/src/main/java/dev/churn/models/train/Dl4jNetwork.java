package dev.churn.models.train;

import dev.churn.models.ChurnModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A DL4J network with a two-class softmax output, trained with class weights. Weighting the positive
 * class by w multiplies the odds the network learns by w, so predictions divide the odds by w again
 * ({@code priorOddsFactor} = 1 / w) and stay probabilities of churn.
 */
public final class Dl4jNetwork implements ChurnModel {
  private static final int FORMAT = 1;

  private final MultiLayerNetwork network;
  private final double priorOddsFactor;

  Dl4jNetwork(MultiLayerNetwork network, double priorOddsFactor) {
    this.network = network;
    this.priorOddsFactor = priorOddsFactor;
  }

  @Override
  public double[] predict(double[][] features) {
    if (features.length == 0) {
      return new double[0];
    }
    INDArray output = network.output(Nd4j.create(features), false);
    double[] weighted = output.getColumn(1).toDoubleVector();
    double[] probabilities = new double[weighted.length];
    for (int i = 0; i < weighted.length; i++) {
      probabilities[i] = correct(weighted[i]);
    }
    return probabilities;
  }

  private double correct(double weightedProbability) {
    double p = Math.min(Math.max(weightedProbability, 1e-12), 1 - 1e-12);
    double odds = p / (1 - p) * priorOddsFactor;
    return odds / (1 + odds);
  }

  MultiLayerNetwork network() {
    return network;
  }

  @Override
  public byte[] toBytes() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(FORMAT);
      out.writeDouble(priorOddsFactor);
      ModelSerializer.writeModel(network, out, false);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Dl4jNetwork fromBytes(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int format = in.readInt();
      if (format != FORMAT) {
        throw new IOException("unknown model format " + format);
      }
      double factor = in.readDouble();
      MultiLayerNetwork network = ModelSerializer.restoreMultiLayerNetwork(in, false);
      return new Dl4jNetwork(network, factor);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model: " + e.getMessage(), e);
    }
  }

  static {
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
  }
}
