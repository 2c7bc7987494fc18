/** Real samples shipped as resources and helpers that prepare them for demos and tests. */
package dev.churn.testdata;
