/** The DirectRunner jar: the pipelines and the runner a laptop needs, nothing else. */
package dev.churn.runners.direct;
