/**
 * Reusable Beam transforms: reading and validating inputs with dead-letter outputs, and fitting and
 * applying the preparation (imputation, scaling, category vocabularies). Nothing here knows a model
 * library or a runner.
 */
package dev.churn.transforms;
