/** Pipeline definitions (train, score, evaluate) and the command line that runs them on any runner. */
package dev.churn.pipelines;
