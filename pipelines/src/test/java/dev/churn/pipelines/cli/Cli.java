package dev.churn.pipelines.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;

/** Runs a command line in this JVM, as the runner jars' mains do, and captures what it prints. */
public final class Cli {
  public final int exitCode;
  public final String out;
  public final String err;

  private Cli(int exitCode, String out, String err) {
    this.exitCode = exitCode;
    this.out = out;
    this.err = err;
  }

  /** {@code churn ARGS}. */
  public static Cli run(String... args) {
    return capture(() -> ChurnCli.execute(new PrintWriter(System.err, true), args));
  }

  /** {@code command} (such as the bench) with this program's messages and exit statuses. */
  public static Cli run(Object command, String... args) {
    return capture(() -> ChurnCli.commandLine(command, new PrintWriter(System.err, true)).execute(args));
  }

  private static synchronized Cli capture(IntSupplier execution) {
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = execution.getAsInt();
      return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
  }

  /** The last line on the error stream: the one-line message of a failed command. */
  public String lastErrorLine() {
    String[] lines = err.strip().split("\n");
    return lines[lines.length - 1];
  }
}
