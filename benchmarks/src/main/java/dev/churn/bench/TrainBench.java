package dev.churn.bench;

import dev.churn.models.registry.ModelVersion;
import dev.churn.models.registry.VersionMetadata;
import dev.churn.models.train.Dl4jTrainer;
import dev.churn.models.train.NetworkSpec;
import dev.churn.models.train.SegmentModel;
import dev.churn.models.train.TrainingData;
import dev.churn.pipelines.train.TrainingBaseline;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.beam.sdk.values.Row;

/**
 * The training stage against {@link TrainingBaseline}: the same customers, preparation and settings
 * trained one model after another in a plain loop. Each model the baseline trains must pick the same
 * candidate with the same cross-validated AUCs as the pipeline's version records.
 */
public final class TrainBench {
  private TrainBench() {}

  /**
   * Loads DL4J's native libraries and trains a small network, so that neither the pipeline nor the
   * baseline, whichever runs first, pays for the start-up.
   */
  public static void warmUp() {
    Random random = new Random(1);
    int rows = 2000;
    String[] ids = new String[rows];
    double[][] x = new double[rows][];
    double[] y = new double[rows];
    for (int i = 0; i < rows; i++) {
      ids[i] = "w" + i;
      x[i] = new double[] {random.nextGaussian(), random.nextGaussian()};
      y[i] = random.nextDouble() < 1 / (1 + Math.exp(-x[i][0])) ? 1 : 0;
    }
    for (String candidate : List.of("logistic", "mlp-16-8")) {
      Dl4jTrainer.fit(NetworkSpec.named(List.of(candidate)).get(0), new TrainingData(ids, x, y), 5, 1);
    }
  }

  /**
   * @param seconds how long the pipeline took to train {@code version} from {@code data}
   * @param peakHeapMib the heap's peak meanwhile
   */
  public static Measurement measure(GeneratedData data, ModelVersion version, String runner, double seconds, long peakHeapMib) {
    VersionMetadata metadata = version.metadata();
    List<Row> customers = CustomerRows.read(data.customers(), metadata.schema, true);
    long start = System.nanoTime();
    Map<String, SegmentModel> baseline = TrainingBaseline.train(customers, metadata.schema, version.preprocessing(), metadata.settings);
    double baselineSeconds = (System.nanoTime() - start) / 1e9;
    for (Map.Entry<String, SegmentModel> model : baseline.entrySet()) {
      VersionMetadata.SegmentEntry entry =
          model.getKey().equals(SegmentModel.GLOBAL) ? metadata.global : metadata.segments.get(model.getKey());
      requireSame(model.getKey(), model.getValue(), entry);
    }
    String note =
        String.format(
            Locale.ROOT,
            "%d models (global + %d segments), %d candidates, %d folds",
            baseline.size(),
            baseline.size() - 1,
            metadata.settings.candidates.size(),
            metadata.settings.folds);
    return new Measurement("train", runner, customers.size(), seconds, baselineSeconds, peakHeapMib, note);
  }

  private static void requireSame(String segment, SegmentModel baseline, VersionMetadata.SegmentEntry pipeline) {
    if (pipeline == null) {
      throw new IllegalStateException("the pipeline trained no model for segment " + segment + "; the baseline did");
    }
    boolean same = String.valueOf(baseline.candidate).equals(String.valueOf(pipeline.candidate))
        && baseline.candidateCvAuc.keySet().equals(pipeline.candidateCvAuc.keySet());
    for (Map.Entry<String, Double> auc : baseline.candidateCvAuc.entrySet()) {
      Double other = pipeline.candidateCvAuc.get(auc.getKey());
      same &= other != null && Math.abs(other - auc.getValue()) <= 1e-9;
    }
    if (!same) {
      throw new IllegalStateException(
          "segment " + segment + ": the pipeline chose " + pipeline.candidate + " " + pipeline.candidateCvAuc
              + ", the baseline " + baseline.candidate + " " + baseline.candidateCvAuc);
    }
  }
}
