package dev.churn.pipelines.schedule;

import dev.churn.pipelines.input.ReadCounts;
import dev.churn.pipelines.sink.JdbcUrls;
import dev.churn.transforms.Progress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scheduled command and what each launch of it does: give it a run id (named after the job and
 * the fire time, passed to {@code score} as {@code --run-id}), record the start, run the command in
 * this JVM, and record the end with its exit status, row counts and the error line, if any.
 */
public final class Launch {
  private static final Logger LOG = LoggerFactory.getLogger(Launch.class);
  private static final DateTimeFormatter RUN_ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final String job;
  private final List<String> command;
  private final RunHistory history;
  /** Runs a command line with an error writer and returns its exit status. */
  private final BiFunction<PrintWriter, String[], Integer> runner;
  private final AtomicInteger launches = new AtomicInteger();

  public Launch(String job, List<String> command, RunHistory history, BiFunction<PrintWriter, String[], Integer> runner) {
    this.job = job;
    this.command = List.copyOf(command);
    this.history = history;
    this.runner = runner;
  }

  public String job() {
    return job;
  }

  public int launches() {
    return launches.get();
  }

  /** Runs the command once for the given fire time; failures are recorded, never thrown. */
  public RunHistory.Run run(Instant fireTime) {
    RunHistory.Run run = new RunHistory.Run();
    run.job = job;
    run.fireTime = fireTime;
    run.runId = job + "-" + RUN_ID_TIME.format(fireTime);
    run.startedAt = Instant.now();
    List<String> arguments = new ArrayList<>(command);
    if (arguments.get(0).equals("score") && arguments.stream().noneMatch(a -> a.equals("--run-id") || a.startsWith("--run-id="))) {
      arguments.add("--run-id=" + run.runId);
    }
    Progress.say("launch " + run.runId + ": churn " + String.join(" ", arguments));
    record(() -> history.started(run));
    ReadCounts.takeLast();
    StringWriter errors = new StringWriter();
    int exitCode;
    try (PrintWriter err = new PrintWriter(new Tee(errors), true)) {
      exitCode = runner.apply(err, arguments.toArray(new String[0]));
    }
    run.endedAt = Instant.now();
    run.exitCode = exitCode;
    run.status = exitCode == 0 ? RunHistory.SUCCEEDED : RunHistory.FAILED;
    run.message = exitCode == 0 ? null : errors.toString().lines().filter(l -> l.startsWith("churn:")).reduce((a, b) -> b).orElse(null);
    ReadCounts counts = ReadCounts.takeLast();
    record(() -> history.ended(run, counts));
    launches.incrementAndGet();
    Progress.say(
        String.format(
            "launch %s %s after %.1f s", run.runId, run.status.toLowerCase(java.util.Locale.ROOT),
            (run.endedAt.toEpochMilli() - run.startedAt.toEpochMilli()) / 1000.0));
    return run;
  }

  private void record(HistoryWrite write) {
    try {
      write.run();
    } catch (Exception e) {
      LOG.warn("could not write the run history to {}: {}", JdbcUrls.display(history.url()), e.getMessage());
    }
  }

  private interface HistoryWrite {
    void run() throws Exception;
  }

  /** Copies what a command writes to stderr into a buffer as well. */
  private static final class Tee extends Writer {
    private final Writer copy;

    Tee(Writer copy) {
      this.copy = copy;
    }

    @Override
    public void write(char[] buffer, int offset, int length) {
      System.err.print(new String(buffer, offset, length));
      try {
        copy.write(buffer, offset, length);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    @Override
    public void flush() {
      System.err.flush();
    }

    @Override
    public void close() {
      flush();
    }
  }
}
