package dev.churn.runners.flink;

import dev.churn.pipelines.cli.ChurnCli;

/**
 * The runnable jar with the pipelines and Beam's FlinkRunner: {@code java -jar churn-flink.jar COMMAND
 * --runner flink}. Without {@code --flinkMaster} it runs on Flink's embedded mini-cluster.
 */
public final class FlinkMain {
  private FlinkMain() {}

  public static void main(String[] args) {
    ChurnCli.main(args);
  }
}
