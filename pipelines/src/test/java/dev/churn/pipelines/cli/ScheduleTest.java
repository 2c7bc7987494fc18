package dev.churn.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import dev.churn.pipelines.TrainedTelco;
import dev.churn.pipelines.schedule.RunHistory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import sun.misc.Signal;

/** The scheduler with a cron expression that fires every second. */
public class ScheduleTest {
  @Rule public TemporaryFolder folder = new TemporaryFolder();

  private String historyUrl() {
    return "jdbc:h2:file:" + folder.getRoot().toPath().resolve("history");
  }

  @Test
  public void launchesOnScheduleOneAtATimeAndRecordsEachRun() throws Exception {
    TrainedTelco trained = TrainedTelco.get();
    Path output = folder.getRoot().toPath().resolve("scores");
    Cli scheduled =
        Cli.run(
            "schedule", "--cron", "* * * * * ?", "--time-zone", "Europe/Amsterdam", "--history-url", historyUrl(), "--max-launches", "3",
            "--", "score", "--customers", trained.data.score.toString(), "--registry", trained.registry.toString(), "--output", output.toString());
    assertThat(scheduled.err, scheduled.exitCode, equalTo(0));
    assertThat(scheduled.err, containsString("next launches: "));

    List<RunHistory.Run> runs = new ArrayList<>(new RunHistory(historyUrl()).latest(10));
    assertThat(runs, hasSize(3));
    runs.sort(Comparator.comparing(r -> r.startedAt));
    for (int i = 0; i < runs.size(); i++) {
      RunHistory.Run run = runs.get(i);
      assertThat(run.status, equalTo(RunHistory.SUCCEEDED));
      assertThat(run.rowsRead, equalTo((long) trained.data.scoreRows));
      assertThat(run.rowsAccepted, equalTo((long) trained.data.scoreRows));
      assertThat(run.deadLetters, equalTo(0L));
      if (i > 0) {
        assertThat("no overlap", run.startedAt, greaterThanOrEqualTo(runs.get(i - 1).endedAt));
      }
    }
    List<String> ids = runs.stream().map(r -> r.runId).collect(Collectors.toList());
    assertThat(ids, everyItem(startsWith("score-")));
    assertThat(new HashSet<>(ids), hasSize(3));

    Cli history = Cli.run("schedule", "history", "--history-url", historyUrl());
    assertThat(history.out.lines().filter(l -> l.contains("SUCCEEDED")).count(), equalTo(3L));
  }

  @Test
  public void sigtermStopsTheScheduleOnceTheRunningLaunchHasFinishedAndExitsZero() throws Exception {
    TrainedTelco trained = TrainedTelco.get();
    Path output = folder.getRoot().toPath().resolve("scores");
    ExecutorService background = Executors.newSingleThreadExecutor();
    try {
      Future<Cli> scheduled =
          background.submit(() -> Cli.run(
              "schedule", "--cron", "* * * * * ?", "--history-url", historyUrl(),
              "--", "score", "--customers", trained.data.score.toString(), "--registry", trained.registry.toString(), "--output", output.toString()));
      RunHistory history = new RunHistory(historyUrl());
      history.createIfMissing();
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (!scheduled.isDone() && history.latest(1).stream().noneMatch(r -> r.status.equals(RunHistory.RUNNING))) {
        assertThat("a launch started within 2 minutes", System.nanoTime() < deadline, equalTo(true));
        Thread.sleep(50);
      }
      // as an orchestrator stops it, while a launch runs: the signal reaches this JVM's handler
      Signal.raise(new Signal("TERM"));
      Cli stopped = scheduled.get(2, TimeUnit.MINUTES);
      assertThat(stopped.err, stopped.exitCode, equalTo(0));
      assertThat(stopped.err, containsString("SIGTERM: no more launches; a running launch finishes first"));
      List<RunHistory.Run> runs = history.latest(10);
      assertThat(runs.size(), greaterThanOrEqualTo(1));
      for (RunHistory.Run run : runs) {
        assertThat("the launch running at SIGTERM finished: " + run.runId, run.status, equalTo(RunHistory.SUCCEEDED));
      }
    } finally {
      background.shutdownNow();
    }
  }

  @Test
  public void aFailedLaunchIsRecordedWithItsErrorAndTheSchedulerGoesOn() throws Exception {
    Cli scheduled =
        Cli.run(
            "schedule", "--cron", "* * * * * ?", "--history-url", historyUrl(), "--max-launches", "2", "--job", "nightly",
            "--", "score", "--customers", folder.getRoot().toPath().resolve("missing.csv").toString(), "--registry",
            folder.getRoot().toPath().resolve("registry").toString(), "--output", folder.getRoot().toPath().resolve("out").toString());
    assertThat(scheduled.err, scheduled.exitCode, equalTo(0));
    List<RunHistory.Run> runs = new RunHistory(historyUrl()).latest(10);
    assertThat(runs, hasSize(2));
    for (RunHistory.Run run : runs) {
      assertThat(run.status, equalTo(RunHistory.FAILED));
      assertThat(run.exitCode, equalTo(2));
      assertThat(run.runId, startsWith("nightly-"));
      assertThat(run.message, startsWith("churn: "));
    }
  }

  @Test
  public void aBadCronExpressionIsAUserError() {
    Cli scheduled = Cli.run("schedule", "--cron", "every evening", "--history-url", historyUrl(), "--", "score");
    assertThat(scheduled.exitCode, equalTo(2));
    assertThat(scheduled.lastErrorLine(), containsString("is not a Quartz cron expression"));
  }
}
