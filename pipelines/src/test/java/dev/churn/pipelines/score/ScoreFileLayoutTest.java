package dev.churn.pipelines.score;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import org.joda.time.Instant;
import org.junit.Test;

public class ScoreFileLayoutTest {
  @Test
  public void partitionValuesAreEscapedAsHiveDoes() {
    assertThat(ScoreFileLayout.escape("One year"), equalTo("One year"));
    assertThat(ScoreFileLayout.escape("Month-to-month"), equalTo("Month-to-month"));
    assertThat(ScoreFileLayout.escape("a/b=c%d*"), equalTo("a%2Fb%3Dc%25d%2A"));
    assertThat(ScoreFileLayout.escape("Zürich"), equalTo("Zürich"));
  }

  @Test
  public void theRunDateIsTheUtcDateOfTheScoringTime() {
    assertThat(ScoreFileLayout.runDate(Instant.parse("2026-11-25T23:30:00Z")), equalTo("2026-11-25"));
  }
}
