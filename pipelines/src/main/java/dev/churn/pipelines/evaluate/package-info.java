/** The evaluation pipeline: score a labelled file and compute the metrics against its labels. */
package dev.churn.pipelines.evaluate;
