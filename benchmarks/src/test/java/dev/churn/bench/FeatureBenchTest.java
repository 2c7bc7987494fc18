package dev.churn.bench;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.Set;
import org.junit.Test;

public class FeatureBenchTest {
  @Test
  public void aLineWrittenWithNullsReadsAsEmptyFields() {
    assertEquals("c-1,1.5,,0.0", FeatureBench.line("c-1", new Double[] {1.5, null, 0.0}));
  }

  @Test
  public void theComparisonNamesWhatDiffers() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> FeatureBench.requireEqual(Set.of("a,1.0", "b,2.0"), Set.of("a,1.0", "b,2.5"), "flink"));
    assertThat(e.getMessage(), containsString("on flink and the baseline disagree: 1 baseline lines missing (first: b,2.0), 1 lines not in the baseline (first: b,2.5)"));
  }

  @Test
  public void measurementsSurviveTheirJsonLine() {
    Measurement m = new Measurement("features", "flink", 1_000_000, 10, 2, 700, "local, parallelism 2");
    Measurement back = Measurement.fromJson(m.toJson());
    assertEquals(m.toJson(), back.toJson());
    assertEquals(100_000, back.recordsPerSecond(), 1e-6);
    assertEquals(0.2, back.ratioToBaseline(), 1e-9);
    assertEquals(null, Measurement.fromJson("[churn] progress line"));
  }
}
