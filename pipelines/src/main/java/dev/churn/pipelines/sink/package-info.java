/** Score sinks: CSV files and JDBC tables (upserts keyed by run id and customer id). */
package dev.churn.pipelines.sink;
