package dev.churn.runners.flink;

import dev.churn.pipelines.cli.ChurnCli;

/**
 * The runnable jar with the pipelines and Beam's FlinkRunner: {@code java -jar churn-flink.jar COMMAND
 * --runner flink}. Without {@code --flinkMaster} it runs on Flink's embedded mini-cluster.
 */
public final class FlinkMain {
  private FlinkMain() {}

  /**
   * Exits only on failure: submitted in Flink's application mode this main runs inside the JobManager,
   * which an exit on success would stop along with the jobs it still serves.
   */
  public static void main(String[] args) {
    int status = ChurnCli.execute(args);
    if (status != ChurnCli.OK) {
      System.exit(status);
    }
  }
}
