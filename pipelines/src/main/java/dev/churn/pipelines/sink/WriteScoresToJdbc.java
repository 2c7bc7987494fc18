package dev.churn.pipelines.sink;

import dev.churn.pipelines.score.ScoreRows;
import java.sql.Timestamp;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Duration;

/**
 * Upserts score rows into a JDBC table in batches, keyed by {@code (run_id, customer_id)}, so a batch
 * written twice (a retried bundle, a repeated run) still leaves one row per customer. Transient errors
 * ({@link TransientSqlErrors}) are retried with backoff; others fail the run. Its empty output signals
 * the end of the write, so a step can wait for it ({@code Wait.on}).
 */
public final class WriteScoresToJdbc extends PTransform<PCollection<Row>, PCollection<Void>> {
  private final ScoreTable table;

  private WriteScoresToJdbc(ScoreTable table) {
    this.table = table;
  }

  public static WriteScoresToJdbc into(ScoreTable table) {
    return new WriteScoresToJdbc(table);
  }

  @Override
  public PCollection<Void> expand(PCollection<Row> scores) {
    JdbcIO.DataSourceConfiguration source =
        JdbcIO.DataSourceConfiguration.create(table.dialect().driverClass(), table.url());
    if (table.user() != null) {
      source = source.withUsername(table.user());
    }
    if (table.password() != null) {
      source = source.withPassword(table.password());
    }
    return scores.apply(
        "UpsertScores",
        JdbcIO.<Row>write()
            .withDataSourceConfiguration(source)
            .withStatement(table.upsertStatement())
            .withBatchSize(500)
            // a batch that meets a transient error is rolled back and retried with growing pauses
            .withRetryStrategy(TransientSqlErrors::isTransient)
            .withRetryConfiguration(
                JdbcIO.RetryConfiguration.create(6, Duration.standardMinutes(2), Duration.standardSeconds(1)))
            .withPreparedStatementSetter(
                (row, statement) -> {
                  int i = 1;
                  for (String field : ScoreRows.SCHEMA.getFieldNames()) {
                    Object value = row.getValue(field);
                    if (value instanceof org.joda.time.ReadableInstant) {
                      statement.setTimestamp(i++, new Timestamp(((org.joda.time.ReadableInstant) value).getMillis()));
                    } else {
                      statement.setObject(i++, value);
                    }
                  }
                })
            .withResults());
  }
}
