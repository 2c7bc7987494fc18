package dev.churn.pipelines.cli;

import dev.churn.pipelines.schedule.Launch;
import dev.churn.pipelines.schedule.RunHistory;
import dev.churn.pipelines.schedule.Schedule;
import dev.churn.transforms.InvalidInputException;
import dev.churn.transforms.Progress;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.Callable;
import org.quartz.CronExpression;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code churn schedule --cron EXPR -- COMMAND ...}: keeps running and launches a pipeline command at
 * each fire time of a Quartz cron expression, never two at once, recording every launch in a JDBC run
 * history. {@code churn schedule history} prints that history.
 */
@Command(
    name = "schedule",
    mixinStandardHelpOptions = true,
    description = "Launch a pipeline command on a cron schedule, with a run history.",
    subcommands = ScheduleCommand.History.class)
public final class ScheduleCommand implements Callable<Integer> {
  static final String DEFAULT_HISTORY = "jdbc:h2:file:./churn-schedule";
  private static final Set<String> SCHEDULABLE = Set.of("train", "score", "evaluate", "monitor", "models", "demo");

  @Option(names = "--cron", description = "Quartz cron expression: seconds minutes hours day-of-month month day-of-week, e.g. \"0 0 21 ? * MON-FRI\"")
  String cron;

  @Option(names = "--time-zone", description = "time zone of the cron expression (default: this machine's)")
  String timeZone;

  @Option(names = "--job", description = "job name, the prefix of each launch's run id (default: the command's name)")
  String job;

  @Option(names = "--history-url", defaultValue = DEFAULT_HISTORY, description = "JDBC URL of the run history (default: ${DEFAULT-VALUE})")
  String historyUrl;

  @Option(names = "--max-launches", description = "stop after this many launches (default: run until stopped)")
  Integer maxLaunches;

  @Parameters(paramLabel = "COMMAND", description = "the command to launch and its options, after '--'")
  List<String> command;

  @Override
  public Integer call() throws Exception {
    if (cron == null || command == null || command.isEmpty()) {
      throw new InvalidInputException("schedule needs --cron EXPR and a command after '--', e.g. schedule --cron \"0 0 21 ? * MON-FRI\" -- score ...");
    }
    if (!CronExpression.isValidExpression(cron)) {
      throw new InvalidInputException("--cron \"" + cron + "\" is not a Quartz cron expression (seconds minutes hours day-of-month month day-of-week [year])");
    }
    if (!SCHEDULABLE.contains(command.get(0))) {
      throw new InvalidInputException("cannot schedule '" + command.get(0) + "': choose one of " + String.join(", ", new java.util.TreeSet<>(SCHEDULABLE)));
    }
    if (job != null && !job.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,40}")) {
      throw new InvalidInputException("--job '" + job + "': use up to 41 letters, digits, '.', '_' or '-'");
    }
    TimeZone zone = timeZone == null ? TimeZone.getDefault() : TimeZone.getTimeZone(zoneId(timeZone));
    RunHistory history = new RunHistory(historyUrl);
    history.createIfMissing();
    Launch launch = new Launch(job != null ? job : command.get(0), command, history, ChurnCli::execute);
    int launches = maxLaunches == null ? Integer.MAX_VALUE : maxLaunches;
    try (Schedule schedule = Schedule.start(launch, cron, zone, launches);
        StopSignal signals = StopSignal.onStop("no more launches; a running launch finishes first", schedule::close)) {
      Progress.say(
          "scheduled 'churn " + String.join(" ", command) + "' at \"" + cron + "\" (" + zone.getID() + "); next launches: "
              + schedule.nextFireTimes(3).stream().map(t -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atZone(zone.toZoneId()))).toList());
      Progress.say("run history in " + historyUrl + " ('churn schedule history'); stop with Ctrl-C or SIGTERM, which wait for a running launch");
      schedule.awaitEnd();
    }
    return ChurnCli.OK;
  }

  private static ZoneId zoneId(String id) {
    try {
      return ZoneId.of(id);
    } catch (java.time.DateTimeException e) {
      throw new InvalidInputException("--time-zone '" + id + "' is not a time zone (e.g. Europe/Amsterdam, UTC)");
    }
  }

  /** {@code churn schedule history}: the latest launches, newest first. */
  @Command(name = "history", mixinStandardHelpOptions = true, description = "Print the latest launches, newest first.")
  static final class History implements Callable<Integer> {
    @Option(names = "--history-url", defaultValue = DEFAULT_HISTORY, description = "JDBC URL of the run history (default: ${DEFAULT-VALUE})")
    String historyUrl;

    @Option(names = "--limit", defaultValue = "20", description = "how many launches (default: ${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() throws Exception {
      RunHistory history = new RunHistory(historyUrl);
      history.createIfMissing();
      System.out.printf("%-36s %-20s %-20s %-9s %4s %9s %9s %7s  %s%n", "run_id", "started_at", "ended_at", "status", "exit", "read", "accepted", "dead", "message");
      for (RunHistory.Run run : history.latest(limit)) {
        System.out.printf(
            "%-36s %-20s %-20s %-9s %4s %9s %9s %7s  %s%n",
            run.runId,
            format(run.startedAt),
            format(run.endedAt),
            run.status,
            run.exitCode == null ? "" : run.exitCode,
            run.rowsRead == null ? "" : run.rowsRead,
            run.rowsAccepted == null ? "" : run.rowsAccepted,
            run.deadLetters == null ? "" : run.deadLetters,
            run.message == null ? "" : run.message);
      }
      return ChurnCli.OK;
    }

    private static String format(java.time.Instant time) {
      return time == null ? "" : time.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }
  }
}
