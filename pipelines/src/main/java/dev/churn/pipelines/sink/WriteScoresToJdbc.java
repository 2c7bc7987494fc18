package dev.churn.pipelines.sink;

import dev.churn.pipelines.rows.ScoreRows;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Duration;
import org.joda.time.ReadableInstant;

/**
 * Upserts score rows into a JDBC table in batches, so a batch written twice (a retried bundle) still
 * leaves one row per customer: a scoring run's rows go into the staging table under the run's
 * publication ({@link #staged}), published later by {@link ScoreTable#commit}; a stream's go straight into
 * the table, keyed by {@code (run_id, customer_id)} ({@link #into}). Transient errors
 * ({@link TransientSqlErrors}) are retried with backoff; others fail the run. Its empty output signals
 * the end of the write, so a step can wait for it ({@code Wait.on}).
 */
public final class WriteScoresToJdbc extends PTransform<PCollection<Row>, PCollection<Void>> {
  private final ScoreTable table;
  /** Null: straight into the table. */
  private final String publication;

  private WriteScoresToJdbc(ScoreTable table, String publication) {
    this.table = table;
    this.publication = publication;
  }

  /** Upserts into the table itself (streaming: there is no end of a run to publish at). */
  public static WriteScoresToJdbc into(ScoreTable table) {
    return new WriteScoresToJdbc(table, null);
  }

  /** Upserts into the staging table under {@code publication}. */
  public static WriteScoresToJdbc staged(ScoreTable table, String publication) {
    return new WriteScoresToJdbc(table, publication);
  }

  @Override
  public PCollection<Void> expand(PCollection<Row> scores) {
    String publication = this.publication;
    return scores.apply(
        "UpsertScores",
        JdbcIO.<Row>write()
            .withDataSourceProviderFn(TableDataSource.provider(table))
            .withStatement(publication == null ? table.upsertStatement() : table.stagedUpsertStatement())
            .withBatchSize(500)
            // a batch that meets a transient error is rolled back and retried with growing pauses
            .withRetryStrategy(TransientSqlErrors::isTransient)
            .withRetryConfiguration(
                JdbcIO.RetryConfiguration.create(6, Duration.standardMinutes(2), Duration.standardSeconds(1)))
            .withPreparedStatementSetter((row, statement) -> set(statement, publication, row))
            .withResults());
  }

  private static void set(PreparedStatement statement, String publication, Row row) throws SQLException {
    int i = 1;
    if (publication != null) {
      statement.setString(i++, publication);
    }
    for (String field : ScoreRows.SCHEMA.getFieldNames()) {
      Object value = row.getValue(field);
      if (value instanceof ReadableInstant) {
        statement.setTimestamp(i++, new Timestamp(((ReadableInstant) value).getMillis()));
      } else {
        statement.setObject(i++, value);
      }
    }
  }
}
