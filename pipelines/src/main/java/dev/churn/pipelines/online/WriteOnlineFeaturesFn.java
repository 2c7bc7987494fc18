package dev.churn.pipelines.online;

import dev.churn.transforms.schema.DatasetSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import redis.clients.jedis.RedisClient;

/**
 * Writes each customer's event features (rows with the feature columns) to the online store, as of a
 * fixed time (batch: the cutoff) or of each row's timestamp (streaming: its emission time). Counts
 * writes and the rows the store already held later features for.
 */
public final class WriteOnlineFeaturesFn extends DoFn<Row, Void> {
  public static final String METRICS = "online_store";

  private final OnlineStore store;
  private final List<String> names;
  private final Long asOfMillis;
  private final Counter written = Metrics.counter(METRICS, "written");
  private final Counter older = Metrics.counter(METRICS, "older_than_stored");
  private transient RedisClient redis;

  /** @param asOfMillis the time the features are as of; null for each row's timestamp */
  public WriteOnlineFeaturesFn(OnlineStore store, DatasetSchema schema, Long asOfMillis) {
    this.store = store;
    this.names = new ArrayList<>();
    schema.features.columns().forEach(c -> names.add(c.name));
    this.asOfMillis = asOfMillis;
  }

  @Setup
  public void connect() {
    redis = store.connect();
  }

  @ProcessElement
  public void process(@Element Row row, @Timestamp Instant timestamp) {
    Double[] values = new Double[names.size()];
    for (int f = 0; f < values.length; f++) {
      values[f] = row.getDouble(names.get(f));
    }
    long asOf = asOfMillis != null ? asOfMillis : timestamp.getMillis();
    if (OnlineStore.write(redis, row.getString(DatasetSchema.ID_FIELD), asOf, names, values)) {
      written.inc();
    } else {
      older.inc();
    }
  }

  @Teardown
  public void close() {
    if (redis != null) {
      redis.close();
    }
  }
}
