/**
 * The model registry on a local folder: immutable, numbered versions, each published whole by one
 * atomic rename, with metadata, the fitted preparation and one model file per segment.
 */
package dev.churn.models.registry;
