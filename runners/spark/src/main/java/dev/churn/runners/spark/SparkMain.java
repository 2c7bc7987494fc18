package dev.churn.runners.spark;

import dev.churn.pipelines.cli.ChurnCli;

/**
 * The runnable jar with the pipelines and Beam's SparkRunner: {@code java --add-opens=... -jar
 * churn-spark.jar COMMAND --runner spark} (see the launcher for the JVM flags Spark needs on Java 17).
 * Without {@code --sparkMaster} it runs Spark in local mode.
 */
public final class SparkMain {
  private SparkMain() {}

  public static void main(String[] args) {
    ChurnCli.main(args);
  }
}
