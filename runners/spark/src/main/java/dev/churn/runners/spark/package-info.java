/** The SparkRunner jar: the pipelines and Spark 3.5 (Scala 2.12), for local mode or a Spark cluster. */
package dev.churn.runners.spark;
