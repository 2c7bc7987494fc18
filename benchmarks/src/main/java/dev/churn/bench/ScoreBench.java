package dev.churn.bench;

import dev.churn.models.ChurnModel;
import dev.churn.models.registry.ModelVersion;
import dev.churn.models.score.ChurnScorer;
import dev.churn.models.score.Score;
import dev.churn.models.train.Dl4jNetwork;
import dev.churn.models.train.PlainForwardPass;
import dev.churn.models.train.SegmentModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.values.Row;

/**
 * Batch scoring: DL4J's forward pass over batches of customers (one pass per batch), against
 * {@link PlainForwardPass}, plain Java loops over the same weights, on one thread; both score the same
 * encoded customers and must agree within {@value #TOLERANCE}. Then scoring with reasons, as
 * {@code score} does it ({@link ChurnScorer}), against the same scorer with every reason by occlusion
 * (one more forward pass per input column, what it did for every model before linear models' reasons
 * came from their coefficients): both must give the same probabilities and reasons.
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
    measurements.add(withReasons(version, rows, records, batchSizes[0]));
    return measurements;
  }

  /** Scoring with reasons in batches of {@code batch} customers of one segment, against occlusion for every model. */
  static Measurement withReasons(ModelVersion version, List<Row> rows, long records, int batch) {
    String segmentColumn = version.metadata().schema.hasSegment() ? version.metadata().schema.segment : null;
    List<Map.Entry<String, List<Row>>> batches = new ArrayList<>();
    Map<String, List<Row>> bySegment = new TreeMap<>();
    rows.forEach(row -> bySegment.computeIfAbsent(ChurnScorer.segmentOf(row, segmentColumn), s -> new ArrayList<>()).add(row));
    bySegment.forEach((segment, customers) -> {
      for (int from = 0; from < customers.size(); from += batch) {
        batches.add(Map.entry(segment, customers.subList(from, Math.min(customers.size(), from + batch))));
      }
    });
    ChurnScorer scorer = new ChurnScorer(version, segmentColumn);
    ChurnScorer occlusion = new ChurnScorer(byOcclusion(version), segmentColumn);
    for (Map.Entry<String, List<Row>> b : batches) {
      List<Score> fast = scorer.score(b.getKey(), b.getValue());
      List<Score> slow = occlusion.score(b.getKey(), b.getValue());
      for (int i = 0; i < fast.size(); i++) {
        if (Math.abs(fast.get(i).churnProbability - slow.get(i).churnProbability) > 1e-12 || !fast.get(i).reasons.equals(slow.get(i).reasons)) {
          throw new IllegalStateException("scoring and occlusion disagree on customer " + fast.get(i).customerId + ": " + fast.get(i).reasons + " against " + slow.get(i).reasons);
        }
      }
    }
    int passes = (int) Math.max(1, Math.ceil((double) records / rows.size()));
    Measurement.resetPeakHeap();
    double seconds = time(scorer, batches, passes);
    long peakHeapMib = Measurement.peakHeapMib();
    double baselineSeconds = time(occlusion, batches, passes);
    String reasons = version.modelFor(SegmentModel.GLOBAL).logitCoefficients() != null ? "from its coefficients" : "by occlusion";
    String note = String.format(Locale.ROOT, "with reasons (global model %s: %s), batch %d, 1 thread; baseline: every reason by occlusion",
        version.metadata().global.candidate, reasons, batch);
    return new Measurement("score", "reasons", (long) passes * rows.size(), seconds, baselineSeconds, peakHeapMib, note);
  }

  /** The same version whose models hide their coefficients: every reason by occlusion. */
  private static ModelVersion byOcclusion(ModelVersion version) {
    ModelVersion concurrent = version.forConcurrentUse();
    Map<String, ChurnModel> segments = new TreeMap<>();
    version.metadata().segments.keySet().stream().filter(concurrent::hasOwnModel).forEach(s -> segments.put(s, withoutCoefficients(concurrent.modelFor(s))));
    return ModelVersion.of(version.version(), version.metadata(), version.preprocessing(), withoutCoefficients(concurrent.modelFor(SegmentModel.GLOBAL)), segments);
  }

  private static ChurnModel withoutCoefficients(ChurnModel model) {
    return new ChurnModel() {
      @Override
      public double[] predict(double[][] features) {
        return model.predict(features);
      }

      @Override
      public ChurnModel forConcurrentUse() {
        return this;
      }

      @Override
      public byte[] toBytes() {
        return model.toBytes();
      }
    };
  }

  private static double time(ChurnScorer scorer, List<Map.Entry<String, List<Row>>> batches, int passes) {
    double checksum = 0;
    long start = System.nanoTime();
    for (int pass = 0; pass < passes; pass++) {
      for (Map.Entry<String, List<Row>> b : batches) {
        checksum += scorer.score(b.getKey(), b.getValue()).get(0).churnProbability;
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (Double.isNaN(checksum)) {
      throw new IllegalStateException("a score was not a number");
    }
    return seconds;
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
