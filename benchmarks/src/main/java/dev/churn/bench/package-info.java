/**
 * {@code ./churn bench}: each stage (features, train, score) measured on the runner of the jar it runs
 * beside, against a plain single-threaded Java baseline whose results must be equal.
 */
package dev.churn.bench;
