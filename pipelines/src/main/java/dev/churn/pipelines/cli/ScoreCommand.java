package dev.churn.pipelines.cli;

import dev.churn.pipelines.jobs.ScoreJob;
import dev.churn.pipelines.score.ScoreFileLayout;
import dev.churn.pipelines.score.ScoreFormat;
import dev.churn.pipelines.sink.ScoreTable;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code churn score}: scores customers with a registered version and writes score rows. */
@Command(name = "score", mixinStandardHelpOptions = true, description = "Score customers and write score rows with reasons.")
public final class ScoreCommand implements Callable<Integer> {
  @Mixin ScoringInputOptions inputs;

  @Mixin EventOptions events;

  @Option(names = "--output", required = true, description = "local folder or azfs://ACCOUNT/CONTAINER/path for the score files and dead letters")
  String output;

  @Option(names = "--partitioned", description = "write scores/run_date=YYYY-MM-DD/segment=NAME/scores-RUN.ID-*.csv (or .parquet) and keep other runs' files")
  boolean partitioned;

  @Option(names = "--format", defaultValue = "csv", description = "score files as csv or parquet (default: ${DEFAULT-VALUE})")
  String format;

  @Option(names = "--run-id", description = "id of this run; the same id again replaces its rows (default: a new id)")
  String runId;

  @Mixin JdbcOptions jdbc;

  @Mixin RunnerOptions runner;

  @Override
  public Integer call() {
    ScoreJob.Result outcome = ScoreJob.run(request());
    System.out.printf("run %s scored %d customers with model version %s%n", outcome.runId, outcome.counts.accepted, outcome.models);
    System.out.printf("scores: %s%n", outcome.scoreFiles());
    if (outcome.table != null) {
      System.out.printf("scores table: %s in %s%n", outcome.table.table(), outcome.table.displayUrl());
    }
    System.out.printf("dead letters: %d (%s)%n", outcome.counts.allDeadLetters(), outcome.deadLetterFiles());
    return ChurnCli.OK;
  }

  /** The scoring run these options ask for. */
  ScoreJob.Request request() {
    ScoreJob.Request request = new ScoreJob.Request();
    if (runId != null) {
      ScoreJob.checkRunId(runId);
    }
    request.runId = runId;
    request.execution = runner.execution();
    request.table = jdbc.table(ScoreTable.DEFAULT_NAME);
    request.layout = (partitioned ? ScoreFileLayout.partitioned() : ScoreFileLayout.flat()).in(ScoreFormat.named(format));
    request.inputs = inputs.inputs(runner, events);
    request.output = output;
    return request;
  }
}
