/**
 * Churn models behind the project's own interfaces: DL4J networks and their training, evaluation
 * metrics and the versioned model registry. Nothing here knows a Beam runner; DL4J types stay inside
 * {@code dev.churn.models.train}.
 */
package dev.churn.models;
