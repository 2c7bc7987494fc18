/** {@code churn monitor}: drift, data quality, accuracy, fairness and reasons of a scoring run, and its report. */
package dev.churn.pipelines.monitor;
