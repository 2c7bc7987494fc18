package dev.churn.models.train;

import dev.churn.models.ChurnModel;
import dev.churn.models.evaluate.BinaryMetrics;
import dev.churn.transforms.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the candidates of one segment on its training part, chooses the one with the best validation
 * ROC AUC (the global model competes too), and refits the winner on all the segment's rows for the
 * epoch count early stopping chose. A segment below the minimum rows or churned customers uses the
 * global model without training.
 */
public final class SegmentTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(SegmentTrainer.class);

  private final TrainerSettings settings;

  public SegmentTrainer(TrainerSettings settings) {
    this.settings = settings;
  }

  /**
   * @param data the segment's rows, in customer-id order
   * @param global the trained global model, or null when training the global model itself
   */
  public SegmentModel train(String segment, TrainingData data, SegmentModel global) {
    SegmentModel result = new SegmentModel();
    result.segment = segment;
    result.rows = data.size();
    result.positives = data.positives();
    TrainingData[] parts = data.splitValidation(settings.validationFraction, settings.seed);
    TrainingData train = parts[0];
    TrainingData validation = parts[1];
    if (global == null) {
      requireBothClasses(data);
      requireBothClasses(train);
    } else if (data.size() < settings.minRows || data.positives() < settings.minPositives) {
      result.reason =
          String.format(
              "%d rows and %d churned: below the minimum of %d rows and %d churned",
              data.size(), data.positives(), settings.minRows, settings.minPositives);
      return usesGlobal(result, global, validation);
    }

    String bestName = null;
    Dl4jTrainer.Fitted best = null;
    NetworkSpec bestSpec = null;
    double bestAuc = Double.NEGATIVE_INFINITY;
    double[] bestPredictions = null;
    for (NetworkSpec spec : settings.candidates) {
      Dl4jTrainer.Fitted fitted = Dl4jTrainer.fitWithEarlyStopping(spec, train, validation, settings.seed);
      double[] predictions = fitted.network.predict(validation.features());
      double auc = BinaryMetrics.rocAuc(validation.labels(), predictions);
      result.candidateValidationAuc.put(spec.name, auc);
      LOG.info("segment {}: candidate {} validation AUC {} after {} epochs", label(segment), spec.name, round(auc), fitted.epochs);
      if (orMinusInfinity(auc) > bestAuc) {
        bestAuc = orMinusInfinity(auc);
        bestName = spec.name;
        best = fitted;
        bestSpec = spec;
        bestPredictions = predictions;
      }
    }
    if (global != null) {
      double[] predictions = Dl4jNetwork.fromBytes(global.holdoutModel).predict(validation.features());
      double auc = BinaryMetrics.rocAuc(validation.labels(), predictions);
      result.candidateValidationAuc.put("global", auc);
      if (orMinusInfinity(auc) > bestAuc) {
        result.reason = "the global model had the best validation AUC";
        return usesGlobal(result, global, validation);
      }
    }
    result.source = SegmentModel.OWN;
    result.candidate = bestName;
    result.epochs = best.epochs;
    result.holdoutModel = best.network.toBytes();
    result.model = Dl4jTrainer.fit(bestSpec, data, best.epochs, settings.seed).toBytes();
    record(result, validation, bestPredictions);
    return result;
  }

  private SegmentModel usesGlobal(SegmentModel result, SegmentModel global, TrainingData validation) {
    result.source = SegmentModel.USES_GLOBAL;
    result.candidate = global.candidate;
    result.epochs = global.epochs;
    ChurnModel holdout = Dl4jNetwork.fromBytes(global.holdoutModel);
    record(result, validation, holdout.predict(validation.features()));
    LOG.info("segment {}: uses the global model ({})", label(result.segment), result.reason);
    return result;
  }

  private static void record(SegmentModel result, TrainingData validation, double[] predictions) {
    result.validation = SegmentModel.Metrics.of(validation.labels(), predictions);
    result.validationLabels = validation.labels();
    result.validationPredictions = predictions;
  }

  private static void requireBothClasses(TrainingData data) {
    if (data.positives() == 0 || data.positives() == data.size()) {
      throw new InvalidInputException(
          "training data needs churned and retained customers: found "
              + data.positives()
              + " churned of "
              + data.size());
    }
  }

  private static double orMinusInfinity(double auc) {
    return Double.isNaN(auc) ? Double.NEGATIVE_INFINITY : auc;
  }

  private static String label(String segment) {
    return SegmentModel.GLOBAL.equals(segment) ? "(global)" : segment;
  }

  private static String round(double value) {
    return String.format(java.util.Locale.ROOT, "%.4f", value);
  }
}
