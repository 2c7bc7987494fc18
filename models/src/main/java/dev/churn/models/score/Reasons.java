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
 * raise the risk most, described in words, are the reasons.
 */
final class Reasons {
  static final int COUNT = Score.MAX_REASONS;

  private Reasons() {}

  /**
   * Up to three readable reasons from the predictions of {@link Preprocessing#encodeWithBaselines}
   * (the customer, then each column at its baseline) from {@code offset} on, strongest first.
   *
   * @param ignored a column that cannot be a reason (null for none): the segment column under a
   *     segment's own model, which only ever saw one value of it
   */
  static List<String> top(Preprocessing preprocessing, Row customer, double[] predictions, int offset, String ignored) {
    List<String> columns = preprocessing.inputColumns();
    double risk = PlattScaling.logit(predictions[offset]);
    List<Integer> raising = new ArrayList<>();
    double[] contribution = new double[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      contribution[c] = risk - PlattScaling.logit(predictions[offset + 1 + c]);
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
