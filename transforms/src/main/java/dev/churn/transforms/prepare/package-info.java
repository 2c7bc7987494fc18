/**
 * Preparation fitted on training data only (imputation values, scaling, category vocabularies) and
 * applied unchanged at scoring time.
 */
package dev.churn.transforms.prepare;
