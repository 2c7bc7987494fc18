/** The FlinkRunner jar: the pipelines and Flink 1.19, for a local mini-cluster or a Flink cluster. */
package dev.churn.runners.flink;
