package dev.churn.bench;

import dev.churn.pipelines.cli.ChurnCli;
import java.io.PrintWriter;

/**
 * {@code ./churn bench [options]}: runs {@link BenchCommand} on the class path of a runner jar and this
 * module's classes (the launcher puts them together), with the messages and exit statuses of churn.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) {
    System.exit(ChurnCli.commandLine(new BenchCommand(), new PrintWriter(System.err, true)).execute(args));
  }
}
