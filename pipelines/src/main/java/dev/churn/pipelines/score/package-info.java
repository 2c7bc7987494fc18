/** The scoring pipeline: score customers with a registered version and write score rows with reasons. */
package dev.churn.pipelines.score;
