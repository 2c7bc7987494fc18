package dev.churn.bench;

import dev.churn.pipelines.cli.ChurnCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Runs {@code churn bench} in this JVM, as {@link BenchMain} does, and captures what it prints. */
public final class BenchRun {
  public final int exitCode;
  public final String out;
  public final String err;

  private BenchRun(int exitCode, String out, String err) {
    this.exitCode = exitCode;
    this.out = out;
    this.err = err;
  }

  public static synchronized BenchRun run(String... args) {
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = ChurnCli.commandLine(new BenchCommand(), new PrintWriter(System.err, true)).execute(args);
      return new BenchRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
  }

  /** The last line on the error stream: the one-line message of a failed run. */
  public String lastErrorLine() {
    String[] lines = err.strip().split("\n");
    return lines[lines.length - 1];
  }
}
