package dev.churn.pipelines.serve;

import dev.churn.pipelines.online.OnlineStore;
import dev.churn.transforms.schema.DatasetSchema;
import java.util.List;
import java.util.stream.Collectors;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;

/** The endpoint's connection to the online store: a customer's stored event features, looked up by id. */
final class OnlineFeatures implements AutoCloseable {
  private final OnlineStore store;
  private final RedisClient redis;

  OnlineFeatures(OnlineStore store) {
    this.store = store;
    this.redis = store.connect();
  }

  /**
   * The customer's stored features of {@code schema}, or null when the store has none for it; a store
   * that cannot be reached refuses the request with 503.
   */
  OnlineStore.Stored lookup(String customerId, DatasetSchema schema) throws ScoreRequest.Refused {
    List<String> names = schema.features.columns().stream().map(c -> c.name).collect(Collectors.toList());
    try {
      return OnlineStore.read(redis, customerId, names);
    } catch (JedisException e) {
      throw new ScoreRequest.Refused(503, "the online store at " + store + " cannot be read: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    redis.close();
  }
}
