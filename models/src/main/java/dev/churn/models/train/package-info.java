/** Training DL4J networks per segment: candidates, class weighting, early stopping, model choice. */
package dev.churn.models.train;
