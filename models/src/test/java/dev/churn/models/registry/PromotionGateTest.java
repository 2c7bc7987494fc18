package dev.churn.models.registry;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.Random;
import org.junit.Test;

public class PromotionGateTest {
  private static final int N = 2000;

  /** Labels from a known risk; a model with {@code noise} added to that risk ranks worse as noise grows. */
  private static PromotionGate.Evidence evidence(double challengerNoise, double championNoise, boolean biased) {
    Random random = new Random(5);
    PromotionGate.Evidence e = new PromotionGate.Evidence();
    e.segment = Aliases.ALL;
    e.challenger = "v0002";
    e.champion = "v0001";
    e.labels = new double[N];
    e.challengerPredictions = new double[N];
    e.championPredictions = new double[N];
    String[] group = new String[N];
    for (int i = 0; i < N; i++) {
      double risk = random.nextGaussian();
      e.labels[i] = random.nextDouble() < 1 / (1 + Math.exp(-2 * risk)) ? 1 : 0;
      group[i] = i % 2 == 0 ? "a" : "b";
      double shift = biased && group[i].equals("b") ? -3 : 0;
      e.challengerPredictions[i] = sigmoid(risk + challengerNoise * random.nextGaussian() + shift);
      e.championPredictions[i] = sigmoid(risk + championNoise * random.nextGaussian());
    }
    e.groups = Map.of("group", group);
    e.threshold = 0.5;
    return e;
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  @Test
  public void aBetterFairChallengerIsPromoted() {
    Decision d = new PromotionGate().decide(evidence(0.1, 1.5, false));
    assertThat(d.action, equalTo(Decision.PROMOTE));
    assertThat(d.challengerAuc > d.championAuc, equalTo(true));
    assertThat(d.rows, equalTo((long) N));
  }

  @Test
  public void aWorseChallengerIsRefusedWithItsNumbers() {
    Decision d = new PromotionGate().decide(evidence(1.5, 0.1, false));
    assertThat(d.action, equalTo(Decision.REFUSE));
    assertThat(d.reason, containsString("below the champion's"));
  }

  @Test
  public void anAccurateButUnfairChallengerIsRefused() {
    // group b almost never selected: selection-rate and true-positive-rate ratios fall far below the bounds
    Decision d = new PromotionGate().decide(evidence(0.1, 1.5, true));
    assertThat(d.action, equalTo(Decision.REFUSE));
    assertThat(d.reason, containsString("group selection-rate ratio"));
    assertThat(d.reason, containsString("group true-positive-rate ratio"));
    assertThat(d.fairness.get(0).groups.keySet().size(), equalTo(2));
  }

  @Test
  public void withoutAChampionOnlyFairnessDecides() {
    PromotionGate.Evidence e = evidence(1.5, 0.1, false);
    e.champion = null;
    e.championPredictions = null;
    Decision d = new PromotionGate().decide(e);
    assertThat(d.action, equalTo(Decision.PROMOTE));
    assertThat(d.reason, containsString("no champion yet"));
  }
}
