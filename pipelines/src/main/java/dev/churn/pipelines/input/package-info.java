/**
 * What the pipelines read, checked before any pipeline starts: the customers file with its header,
 * the event files and cutoff that add features, and the counts of records read, accepted and
 * dead-lettered that every job reports.
 */
package dev.churn.pipelines.input;
