package dev.churn.bench;

import dev.churn.models.ChurnModel;
import dev.churn.models.registry.ModelVersion;
import dev.churn.models.train.Dl4jNetwork;
import dev.churn.models.train.PlainForwardPass;
import dev.churn.models.train.SegmentModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.values.Row;

/**
 * Batch scoring: DL4J's forward pass over batches of customers (as {@code score} runs it, one pass per
 * batch), against {@link PlainForwardPass}, plain Java loops over the same weights, on one thread. Both
 * score the same encoded customers and must agree within {@value #TOLERANCE}.
 */
public final class ScoreBench {
  static final double TOLERANCE = 1e-6;

  private ScoreBench() {}

  /** One measurement per batch size, each scoring at least {@code records} customers. */
  public static List<Measurement> run(ModelVersion version, GeneratedData data, long records, int... batchSizes) {
    List<Row> rows = CustomerRows.read(data.customers(), version.metadata().schema, false);
    double[][] inputs = new double[rows.size()][];
    for (int i = 0; i < inputs.length; i++) {
      inputs[i] = version.preprocessing().encode(rows.get(i));
    }
    String candidate = version.metadata().global.candidate;
    Dl4jNetwork dl4j = (Dl4jNetwork) version.modelFor(SegmentModel.GLOBAL);
    PlainForwardPass plain = new PlainForwardPass(dl4j);
    List<Measurement> measurements = new ArrayList<>();
    for (int batch : batchSizes) {
      double[][][] batches = split(inputs, batch);
      requireEqual(batches, dl4j, plain);
      int passes = (int) Math.max(1, Math.ceil((double) records / inputs.length));
      Measurement.resetPeakHeap();
      double seconds = time(dl4j, batches, passes);
      long peakHeapMib = Measurement.peakHeapMib();
      double baselineSeconds = time(plain, batches, passes);
      String note = String.format(Locale.ROOT, "global model %s, %d inputs, batch %d, 1 thread", candidate, inputs[0].length, batch);
      measurements.add(new Measurement("score", "dl4j", (long) passes * inputs.length, seconds, baselineSeconds, peakHeapMib, note));
    }
    return measurements;
  }

  private static double[][][] split(double[][] inputs, int batch) {
    double[][][] batches = new double[(inputs.length + batch - 1) / batch][][];
    for (int b = 0; b < batches.length; b++) {
      int from = b * batch;
      batches[b] = Arrays.copyOfRange(inputs, from, Math.min(inputs.length, from + batch));
    }
    return batches;
  }

  private static void requireEqual(double[][][] batches, Dl4jNetwork dl4j, PlainForwardPass plain) {
    for (double[][] batch : batches) {
      double[] a = dl4j.predict(batch);
      double[] b = plain.predict(batch);
      for (int i = 0; i < a.length; i++) {
        if (Math.abs(a[i] - b[i]) > TOLERANCE) {
          throw new IllegalStateException(
              String.format(Locale.ROOT, "DL4J and the plain forward pass disagree: %.12f against %.12f", a[i], b[i]));
        }
      }
    }
  }

  /** Seconds for {@code passes} passes over all batches, after one pass to warm up. */
  private static double time(ChurnModel model, double[][][] batches, int passes) {
    double checksum = 0;
    for (double[][] batch : batches) {
      checksum += model.predict(batch)[0];
    }
    long start = System.nanoTime();
    for (int pass = 0; pass < passes; pass++) {
      for (double[][] batch : batches) {
        checksum += model.predict(batch)[0];
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (Double.isNaN(checksum)) {
      throw new IllegalStateException("a score was not a number");
    }
    return seconds;
  }
}
