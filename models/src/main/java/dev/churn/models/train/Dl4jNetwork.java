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
 * ({@code priorOddsFactor} = 1 / w) and stay probabilities of churn; a {@link PlattScaling} fitted on
 * out-of-fold predictions then corrects what is left.
 *
 * <p>File format 2 (since 0.2.0): format, prior-odds factor, Platt a and b, DL4J model. Format 1
 * (0.1.0) has no Platt parameters and still loads, uncalibrated.
 */
public final class Dl4jNetwork implements ChurnModel {
  private static final int FORMAT_UNCALIBRATED = 1;
  private static final int FORMAT = 2;

  private final MultiLayerNetwork network;
  private final double priorOddsFactor;
  private final PlattScaling calibration;

  Dl4jNetwork(MultiLayerNetwork network, double priorOddsFactor) {
    this(network, priorOddsFactor, PlattScaling.IDENTITY);
  }

  private Dl4jNetwork(MultiLayerNetwork network, double priorOddsFactor, PlattScaling calibration) {
    this.network = network;
    this.priorOddsFactor = priorOddsFactor;
    this.calibration = calibration;
  }

  /** The same network with its predictions passed through {@code calibration}. */
  public Dl4jNetwork calibrated(PlattScaling calibration) {
    return new Dl4jNetwork(network, priorOddsFactor, calibration);
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
      probabilities[i] = fromWeightedProbability(weighted[i]);
    }
    return probabilities;
  }

  /** DL4J's networks are not thread-safe: the plain forward pass of the same weights, exact to 1e-12. */
  @Override
  public ChurnModel forConcurrentUse() {
    return new PlainForwardPass(this);
  }

  /**
   * Without hidden layers the softmax's log-odds of churn are {@code (W1 - W0) x + (b1 - b0)}; the
   * prior-odds factor adds a constant and the calibration multiplies by {@code a}: the coefficients are
   * {@code a (W1 - W0)}. (Below a probability of 1e-12 or above 1 - 1e-12 the predictions are clamped,
   * the coefficients are not.)
   */
  @Override
  public double[] logitCoefficients() {
    if (network.getLayers().length != 1) {
      return null;
    }
    double[][] w = network.getLayer(0).getParam("W").toDoubleMatrix();
    double[] coefficients = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      coefficients[i] = calibration.a * (w[i][1] - w[i][0]);
    }
    return coefficients;
  }

  /** The churn probability from the network's softmax output for churn (trained with class weights). */
  double fromWeightedProbability(double weightedProbability) {
    return calibration.apply(correct(weightedProbability));
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
      out.writeDouble(calibration.a);
      out.writeDouble(calibration.b);
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
      if (format != FORMAT && format != FORMAT_UNCALIBRATED) {
        throw new IOException("unknown model format " + format + " (written by a newer version?)");
      }
      double factor = in.readDouble();
      PlattScaling calibration =
          format == FORMAT ? new PlattScaling(in.readDouble(), in.readDouble()) : PlattScaling.IDENTITY;
      MultiLayerNetwork network = ModelSerializer.restoreMultiLayerNetwork(in, false);
      return new Dl4jNetwork(network, factor, calibration);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model: " + e.getMessage(), e);
    }
  }

  static {
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
  }
}
