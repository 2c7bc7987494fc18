package dev.churn.models.evaluate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.Test;

public class FairnessTest {
  // ten customers in two groups; selected means probability >= 0.5
  private static final String[] GROUP = {"F", "F", "F", "F", "F", "M", "M", "M", "M", "M"};
  private static final double[] LABEL = {1, 1, 0, 0, 0, 1, 1, 1, 0, 0};
  private static final double[] P = {0.9, 0.2, 0.6, 0.1, 0.1, 0.8, 0.7, 0.3, 0.6, 0.2};

  @Test
  public void ratesAndRatiosMatchAHandCount() {
    Fairness f = Fairness.of("gender", GROUP, LABEL, P, 0.5, 1, 1);
    // F: selected 2 of 5 (0.4), churners caught 1 of 2 (0.5); M: selected 3 of 5 (0.6), caught 2 of 3 (0.667)
    assertThat(f.groups.get("F").selectionRate, closeTo(0.4, 1e-12));
    assertThat(f.groups.get("F").truePositiveRate, closeTo(0.5, 1e-12));
    assertThat(f.groups.get("M").selectionRate, closeTo(0.6, 1e-12));
    assertThat(f.groups.get("M").truePositiveRate, closeTo(2.0 / 3, 1e-12));
    assertThat(f.selectionRateRatio, closeTo(0.4 / 0.6, 1e-12));
    assertThat(f.truePositiveRateRatio, closeTo(0.5 / (2.0 / 3), 1e-12));
    assertThat(f.groups.get("M").selected, equalTo(3L));
    // F: churners 0.9 and 0.2 against 0.6, 0.1, 0.1 rank correctly in 5 of 6 pairs
    assertThat(f.groups.get("F").rocAuc, closeTo(5.0 / 6, 1e-12));
  }

  @Test
  public void groupsTooSmallToMeasureStayOutOfTheRatios() {
    Fairness f = Fairness.of("gender", GROUP, LABEL, P, 0.5, 6, 3);
    assertThat(f.selectionRateRatio, nullValue());
    assertThat(f.truePositiveRateRatio, nullValue());
  }
}
