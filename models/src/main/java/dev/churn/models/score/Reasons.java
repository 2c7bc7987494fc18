package dev.churn.models.score;

import dev.churn.models.train.PlattScaling;
import dev.churn.transforms.prepare.Preprocessing;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.values.Row;

/**
 * A customer's top reasons by occlusion against the training baseline: for each input column, how much
 * the churn log-odds fall when that column alone is set to its training mean or mode. The columns that
 * raise the risk most, described in words, are the reasons. For a model linear in the log-odds the
 * contributions follow from its coefficients in one pass ({@link #linear}); for others, from one
 * prediction per column ({@link #occlusion}).
 */
final class Reasons {
  static final int COUNT = Score.MAX_REASONS;

  private Reasons() {}

  /**
   * Each input column's contribution from the predictions of {@link Preprocessing#encodeWithBaselines}
   * (the customer, then each column at its baseline) from {@code offset} on: the log-odds of the
   * customer less those with that column at its baseline.
   */
  static double[] occlusion(double[] predictions, int offset, int columns) {
    double risk = PlattScaling.logit(predictions[offset]);
    double[] contribution = new double[columns];
    for (int c = 0; c < columns; c++) {
      contribution[c] = risk - PlattScaling.logit(predictions[offset + 1 + c]);
    }
    return contribution;
  }

  /**
   * The same contributions for a model whose log-odds are linear in its inputs: for each column, the sum
   * over its inputs of {@code coefficient * (input - baseline)}.
   */
  static double[] linear(double[] coefficients, double[] inputs, double[] baselines, List<int[]> positions) {
    double[] contribution = new double[positions.size()];
    for (int c = 0; c < contribution.length; c++) {
      double sum = 0;
      for (int p : positions.get(c)) {
        sum += coefficients[p] * (inputs[p] - baselines[p]);
      }
      contribution[c] = sum;
    }
    return contribution;
  }

  /**
   * Up to three readable reasons, strongest first: the columns whose contribution raises the risk most.
   *
   * @param ignored a column that cannot be a reason (null for none): the segment column under a
   *     segment's own model, which only ever saw one value of it
   */
  static List<String> top(Preprocessing preprocessing, Row customer, double[] contribution, String ignored) {
    List<String> columns = preprocessing.inputColumns();
    List<Integer> raising = new ArrayList<>();
    for (int c = 0; c < columns.size(); c++) {
      if (contribution[c] > 1e-9 && !columns.get(c).equals(ignored)) {
        raising.add(c);
      }
    }
    raising.sort(Comparator.comparingDouble((Integer c) -> -contribution[c]).thenComparingInt(c -> c));
    List<String> reasons = new ArrayList<>();
    for (int c : raising.subList(0, Math.min(COUNT, raising.size()))) {
      reasons.add(preprocessing.describe(customer, columns.get(c)));
    }
    return reasons;
  }
}
