package dev.churn.pipelines.jobs;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.not;

import dev.churn.transforms.Progress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.junit.After;
import org.junit.Test;

/** A pipeline that runs for a while says how far it got at each interval, unless quiet; warnings show either way. */
public class ExecutionProgressTest {
  private final long interval = Execution.progressMillis;

  @After
  public void restore() {
    Execution.progressMillis = interval;
    Progress.setQuiet(false);
  }

  /** Half a second per element. */
  static final class SlowFn extends DoFn<Integer, Integer> {
    @ProcessElement
    public void process(@Element Integer value, OutputReceiver<Integer> out) throws InterruptedException {
      Thread.sleep(500);
      out.output(value);
    }
  }

  private static String runCapturingStderr() {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      Pipeline pipeline = Pipeline.create(Execution.options("direct", List.of("--targetParallelism=1")));
      pipeline.apply(Create.of(1, 2, 3, 4)).apply(ParDo.of(new SlowFn()));
      Execution.runToEnd(pipeline, "a slow run");
      Progress.say("warning: shown even when quiet");
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  @Test
  public void aLongRunPrintsItsProgressAtEachInterval() {
    Execution.progressMillis = 300;
    String err = runCapturingStderr();
    assertThat(err, containsString("[churn] a slow run on DirectRunner ..."));
    long lines = err.lines().filter(l -> l.matches("\\[churn\\] a slow run: \\d+ s, [\\d,]+ customers read, [\\d,]+ accepted, [\\d,]+ dead-lettered")).count();
    assertThat(err, lines, greaterThanOrEqualTo(3L));
    assertThat(err, containsString("[churn] a slow run done in "));
  }

  @Test
  public void quietLeavesOutTheCommentaryButNotWarnings() {
    Execution.progressMillis = 300;
    Progress.setQuiet(true);
    String err = runCapturingStderr();
    assertThat(err, not(containsString("a slow run")));
    assertThat(err.lines().filter(l -> l.startsWith("[churn]")).count(), equalTo(1L));
    assertThat(err, containsString("[churn] warning: shown even when quiet"));
  }
}
