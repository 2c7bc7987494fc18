/** Metrics of binary churn predictions: ROC AUC, PR AUC, log loss, accuracy and F1. */
package dev.churn.models.evaluate;
