package dev.churn.models.train;

import dev.churn.models.ChurnModel;
import dev.churn.models.evaluate.BinaryMetrics;
import dev.churn.transforms.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the candidates of one segment on its training part and chooses by validation ROC AUC: the
 * global model competes too, and the simplest candidate (global first, then the networks in the
 * order given) within {@link TrainerSettings#selectionTolerance} of the best wins, since a small
 * validation gain of a more complex model rarely holds on new data. The winner is refitted on all the
 * segment's rows for the epoch count early stopping chose. A segment below the minimum rows or churned customers uses the
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

    // candidates in order of preference: the global model (more data), then the simplest network first
    List<Candidate> candidates = new ArrayList<>();
    if (global != null) {
      double[] predictions = Dl4jNetwork.fromBytes(global.holdoutModel).predict(validation.features());
      candidates.add(new Candidate("global", null, null, predictions, validation));
    }
    for (NetworkSpec spec : settings.candidates) {
      Dl4jTrainer.Fitted fitted = Dl4jTrainer.fitWithEarlyStopping(spec, train, validation, settings.seed);
      Candidate candidate =
          new Candidate(spec.name, spec, fitted, fitted.network.predict(validation.features()), validation);
      candidates.add(candidate);
      LOG.info("segment {}: candidate {} validation AUC {} after {} epochs", label(segment), spec.name, round(candidate.auc), fitted.epochs);
    }
    candidates.forEach(c -> result.candidateValidationAuc.put(c.name, c.auc));
    double bestAuc = candidates.stream().mapToDouble(c -> orMinusInfinity(c.auc)).max().orElseThrow();
    Candidate chosen =
        candidates.stream()
            .filter(c -> orMinusInfinity(c.auc) >= bestAuc - settings.selectionTolerance)
            .findFirst()
            .orElseThrow();
    if (chosen.spec == null) {
      result.reason =
          String.format(
              Locale.ROOT,
              "the global model's validation AUC %.4f is within %.3f of the best candidate's %.4f",
              chosen.auc, settings.selectionTolerance, bestAuc);
      return usesGlobal(result, global, validation);
    }
    result.source = SegmentModel.OWN;
    result.candidate = chosen.name;
    result.epochs = chosen.fitted.epochs;
    result.holdoutModel = chosen.fitted.network.toBytes();
    result.model = Dl4jTrainer.fit(chosen.spec, data, chosen.fitted.epochs, settings.seed).toBytes();
    record(result, validation, chosen.predictions);
    return result;
  }

  /** A model that could serve the segment, with its predictions on the validation rows. */
  private static final class Candidate {
    final String name;
    final NetworkSpec spec;
    final Dl4jTrainer.Fitted fitted;
    final double[] predictions;
    final double auc;

    Candidate(String name, NetworkSpec spec, Dl4jTrainer.Fitted fitted, double[] predictions, TrainingData validation) {
      this.name = name;
      this.spec = spec;
      this.fitted = fitted;
      this.predictions = predictions;
      this.auc = BinaryMetrics.rocAuc(validation.labels(), predictions);
    }
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
