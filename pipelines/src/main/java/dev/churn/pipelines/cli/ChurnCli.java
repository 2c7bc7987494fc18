package dev.churn.pipelines.cli;

import dev.churn.pipelines.sink.SqlErrors;
import dev.churn.transforms.InvalidInputException;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code churn COMMAND [options]}: the entry point every runner jar calls. */
@Command(
    name = "churn",
    mixinStandardHelpOptions = true,
    version = "churn 0.1.0",
    description = "Churn prediction pipelines on Apache Beam.",
    footer = {"", "./churn bench measures the pipelines against plain Java baselines; ./churn jmh runs the JMH benchmarks."},
    subcommands = {
      DemoCommand.class, GenerateCommand.class, TrainCommand.class, ScoreCommand.class, StreamCommand.class, MaterializeCommand.class, ServeCommand.class, EvaluateCommand.class, MonitorCommand.class, ModelsCommand.class, ScheduleCommand.class
    })
public final class ChurnCli implements Runnable {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int BAD_INPUT = 2;
  /** The command did its work and found what {@code --fail-on} asked to hear about (monitor). */
  public static final int FLAGGED = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command: demo, generate, train, score, stream, serve, evaluate, monitor, models or schedule");
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs a command and returns its exit status. */
  public static int execute(String... args) {
    return execute(new PrintWriter(System.err, true), args);
  }

  /** Runs a command, writing its error messages to {@code err}, and returns its exit status. */
  public static int execute(PrintWriter err, String... args) {
    String beamHelp = BeamOptionsHelp.requested(args);
    if (beamHelp != null) {
      return BeamOptionsHelp.print(beamHelp, System.out, err);
    }
    return commandLine(new ChurnCli(), err).execute(args);
  }

  /**
   * The command line of {@code command} (this program's, or another that runs on its jars, such as the
   * bench), with its messages for bad input and failures and their exit statuses.
   */
  public static CommandLine commandLine(Object command, PrintWriter err) {
    CommandLine commandLine = new CommandLine(command);
    commandLine.setErr(err);
    allowBeamOptions(commandLine);
    commandLine.setExecutionExceptionHandler(ChurnCli::handle);
    commandLine.setParameterExceptionHandler(
        (e, a) -> {
          PrintWriter messages = e.getCommandLine().getErr();
          messages.println("churn: " + e.getMessage() + " (see 'churn " + name(e.getCommandLine()) + " --help')");
          return BAD_INPUT;
        });
    return commandLine;
  }

  /**
   * Lets the pipeline commands (those with {@link RunnerOptions}) accept the options they do not know:
   * those are Beam pipeline options, which {@link RunnerOptions#execution()} passes to Beam (and
   * Beam refuses, naming them, when they are not).
   */
  private static void allowBeamOptions(CommandLine commandLine) {
    for (CommandLine command : commandLine.getSubcommands().values()) {
      if (command.getCommandSpec().mixins().values().stream().anyMatch(m -> m.userObject() instanceof RunnerOptions)) {
        command.setUnmatchedArgumentsAllowed(true);
      }
      allowBeamOptions(command);
    }
  }

  private static int handle(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed) {
    PrintWriter err = commandLine.getErr();
    Secrets secrets = Secrets.fromEnvironment();
    InvalidInputException invalid = findInvalidInput(e);
    if (invalid != null) {
      err.println("churn: " + secrets.redact(invalid.getMessage()));
      return BAD_INPUT;
    }
    String sqlError = SqlErrors.find(e);
    String message = sqlError != null ? "the database refused it: " + sqlError : rootMessage(e);
    err.println("churn: " + name(commandLine) + " failed: " + secrets.redact(message));
    if (System.getenv("CHURN_DEBUG") != null) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      err.print(secrets.redact(trace.toString()));
      err.flush();
    } else {
      err.println("(set CHURN_DEBUG=1 for the stack trace)");
    }
    return FAILED;
  }

  private static InvalidInputException findInvalidInput(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InvalidInputException) {
        return (InvalidInputException) t;
      }
    }
    return null;
  }

  /** The first line of the first message that says more than which exception it wraps. */
  private static String rootMessage(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      boolean wrapper =
          t instanceof org.apache.beam.sdk.Pipeline.PipelineExecutionException
              || t.getMessage() == null
              || (t.getCause() != null && t.getMessage().equals(t.getCause().toString()));
      if (!wrapper || t.getCause() == null) {
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.lines().findFirst().orElse(message);
      }
    }
    return e.toString();
  }

  private static String name(CommandLine commandLine) {
    return commandLine.getCommandName();
  }
}
