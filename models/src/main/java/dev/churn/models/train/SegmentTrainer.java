package dev.churn.models.train;

import dev.churn.models.ChurnModels;
import dev.churn.transforms.InvalidInputException;
import dev.churn.transforms.prepare.Preprocessing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses and trains the model of one segment by stratified k-fold cross-validation. Every candidate
 * network gets out-of-fold predictions for all the segment's rows; the global model competes with its
 * own out-of-fold predictions for them. The best mean fold ROC AUC wins, except that the simplest
 * candidate (global first, then the networks in the order given) within one standard error of the
 * best (over its folds; at least {@link TrainerSettings#selectionTolerance}) is preferred: the
 * one-standard-error rule, since a gain of a more complex model smaller than the noise of the folds
 * rarely holds on new data. The winner is calibrated by {@link PlattScaling} on its
 * out-of-fold predictions and refitted on all the segment's rows. A segment below the minimum rows or
 * churned customers uses the global model without training.
 */
public final class SegmentTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(SegmentTrainer.class);

  private final TrainerSettings settings;
  private final Preprocessing preprocessing;

  /** @param preprocessing names the input columns that importance is measured for */
  public SegmentTrainer(TrainerSettings settings, Preprocessing preprocessing) {
    this.settings = settings;
    this.preprocessing = preprocessing;
  }

  /**
   * @param data the segment's rows, in customer-id order
   * @param global the trained global model, or null when training the global model itself
   */
  public SegmentModel train(String segment, TrainingData data, SegmentModel global) {
    Future<SegmentModel> trained = TRAINING_THREAD.submit(() -> trainAlone(segment, data, global));
    try {
      return trained.get();
    } catch (InterruptedException e) {
      trained.cancel(true);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while training segment " + segment, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      if (e.getCause() instanceof Error) {
        throw (Error) e.getCause();
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * Segments train one at a time in a JVM, all on this one thread, which lives as long as the JVM.
   * ND4J's native code has crashed the JVM (SIGSEGV in {@code sd::TadDescriptor} under
   * {@code execBroadcast}, from the loss gradient): first with two runner threads training at once,
   * then with one at a time but on runner threads that come and go (a long test JVM runs many
   * pipelines, and ND4J keeps per-thread workspaces and caches native shape data). One training thread
   * already keeps about 1.4 cores busy, so on small machines little is lost, and workers in other JVMs
   * (a cluster's task managers) still train side by side.
   */
  private static final ExecutorService TRAINING_THREAD =
      Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "churn-nd4j-training");
        thread.setDaemon(true);
        return thread;
      });

  private SegmentModel trainAlone(String segment, TrainingData data, SegmentModel global) {
    SegmentModel result = new SegmentModel();
    result.segment = segment;
    result.rows = data.size();
    result.positives = data.positives();
    result.folds = settings.folds;
    if (global == null) {
      requireEnoughOfEachClass(data, settings.folds);
    } else if (data.size() < settings.minRows || data.positives() < settings.minPositives) {
      result.reason =
          String.format(
              "%d rows and %d churned: below the minimum of %d rows and %d churned",
              data.size(), data.positives(), settings.minRows, settings.minPositives);
      return usesGlobal(result, global, data);
    }
    int[] folds = data.stratifiedFolds(settings.folds, settings.seed);

    // candidates in order of preference: the global model (more data), then the simplest network first
    List<Candidate> candidates = new ArrayList<>();
    if (global != null) {
      candidates.add(new Candidate("global", null, globalPredictions(global, data), data, folds, settings.folds));
    }
    for (NetworkSpec spec : settings.candidates) {
      CrossValidation cv = CrossValidation.run(spec, data, folds, settings.folds, settings.seed);
      Candidate candidate = new Candidate(spec.name, cv, cv.outOfFold, data, folds, settings.folds);
      candidates.add(candidate);
      LOG.info(
          "segment {}: candidate {} cross-validated AUC {} (folds {}) after {} epochs",
          label(segment), spec.name, round(candidate.meanAuc), rounded(candidate.foldAuc), cv.epochs);
    }
    candidates.forEach(c -> result.candidateCvAuc.put(c.name, c.meanAuc));
    Candidate best =
        candidates.stream().max(java.util.Comparator.comparingDouble(c -> orMinusInfinity(c.meanAuc))).orElseThrow();
    double tolerance = Math.max(settings.selectionTolerance, best.standardError());
    Candidate chosen =
        candidates.stream()
            .filter(c -> orMinusInfinity(c.meanAuc) >= best.meanAuc - tolerance)
            .findFirst()
            .orElseThrow();
    if (chosen.cv == null) {
      result.reason =
          String.format(
              Locale.ROOT,
              "the global model's cross-validated AUC %.4f is within %.4f of the best candidate's %.4f (%s)",
              chosen.meanAuc, tolerance, best.meanAuc, best.name);
      return usesGlobal(result, global, data);
    }
    PlattScaling calibration = PlattScaling.fit(data.labels(), chosen.cv.outOfFold);
    result.source = SegmentModel.OWN;
    result.candidate = chosen.name;
    result.epochs = chosen.cv.epochs;
    result.calibration = calibration;
    result.foldAuc = chosen.foldAuc;
    result.importance =
        PermutationImportance.of(
            chosen.cv, data, folds, preprocessing.inputColumns(), preprocessing.inputPositions(), settings.seed);
    Dl4jNetwork served = Dl4jTrainer.fit(chosen.cv.spec, data, result.epochs, settings.seed).calibrated(calibration);
    result.model = served.toBytes();
    result.servedPredictions = served.predict(data.features());
    record(result, data, calibration.apply(chosen.cv.outOfFold));
    LOG.info("segment {}: chose {} ({} epochs), calibration {}", label(segment), chosen.name, result.epochs, calibration);
    return result;
  }

  /** A model that could serve the segment, with its out-of-fold predictions and their fold AUCs. */
  private static final class Candidate {
    final String name;
    final CrossValidation cv;
    final double[] foldAuc;
    final double meanAuc;

    Candidate(String name, CrossValidation cv, double[] outOfFold, TrainingData data, int[] folds, int k) {
      this.name = name;
      this.cv = cv;
      this.foldAuc = CrossValidation.foldAucs(data, folds, k, outOfFold);
      this.meanAuc = Arrays.stream(foldAuc).average().orElse(Double.NaN);
    }

    /** Standard error of the mean fold AUC. */
    double standardError() {
      double variance = Arrays.stream(foldAuc).map(a -> (a - meanAuc) * (a - meanAuc)).sum() / (foldAuc.length - 1);
      return Math.sqrt(variance / foldAuc.length);
    }
  }

  private SegmentModel usesGlobal(SegmentModel result, SegmentModel global, TrainingData data) {
    result.source = SegmentModel.USES_GLOBAL;
    result.candidate = global.candidate;
    result.epochs = global.epochs;
    record(result, data, globalPredictions(global, data));
    result.servedPredictions = ChurnModels.read(global.model).predict(data.features());
    LOG.info("segment {}: uses the global model ({})", label(result.segment), result.reason);
    return result;
  }

  /**
   * The global model's predictions of a segment's rows, none from a model that trained on the row:
   * out-of-fold for the rows it trained on, the global model's own for the rows its training sample
   * left out.
   */
  static double[] globalPredictions(SegmentModel global, TrainingData data) {
    double[] predictions = global.outOfFold(data.ids());
    List<Integer> unseen = new ArrayList<>();
    for (int i = 0; i < predictions.length; i++) {
      if (Double.isNaN(predictions[i])) {
        unseen.add(i);
      }
    }
    if (!unseen.isEmpty()) {
      double[] own = ChurnModels.read(global.model).predict(data.select(unseen).features());
      for (int k = 0; k < own.length; k++) {
        predictions[unseen.get(k)] = own[k];
      }
    }
    return predictions;
  }

  private static void record(SegmentModel result, TrainingData data, double[] outOfFold) {
    result.validation = SegmentModel.Metrics.of(data.labels(), outOfFold);
    result.validationIds = data.ids();
    result.validationLabels = data.labels();
    result.validationPredictions = outOfFold;
  }

  private static void requireEnoughOfEachClass(TrainingData data, int folds) {
    long positives = data.positives();
    long negatives = data.size() - positives;
    if (Math.min(positives, negatives) < 2L * folds) {
      throw new InvalidInputException(
          String.format(
              "training data needs at least %d churned and %d retained customers for %d-fold cross-validation: found %d churned of %d",
              2 * folds, 2 * folds, folds, positives, data.size()));
    }
  }

  private static double orMinusInfinity(double auc) {
    return Double.isNaN(auc) ? Double.NEGATIVE_INFINITY : auc;
  }

  private static String label(String segment) {
    return SegmentModel.GLOBAL.equals(segment) ? "(global)" : segment;
  }

  private static String round(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }

  private static String rounded(double[] values) {
    return Arrays.stream(values).mapToObj(SegmentTrainer::round).collect(java.util.stream.Collectors.joining(" "));
  }
}
