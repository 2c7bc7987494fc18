package dev.churn.runners.direct;

import dev.churn.pipelines.cli.ChurnCli;

/** The runnable jar with the pipelines and Beam's DirectRunner: {@code java -jar churn-direct.jar COMMAND}. */
public final class DirectMain {
  private DirectMain() {}

  public static void main(String[] args) {
    ChurnCli.main(args);
  }
}
