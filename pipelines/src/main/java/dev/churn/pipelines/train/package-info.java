/** The training pipeline: read, validate, fit the preparation, train per segment, stage a version. */
package dev.churn.pipelines.train;
