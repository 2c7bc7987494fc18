package dev.churn.pipelines.online;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.arrayContaining;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.Assert.assertThrows;

import dev.churn.transforms.io.BadRecordException;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import redis.clients.jedis.RedisClient;

/**
 * The online store on the machine's Redis (127.0.0.1:6379, database {@value #DB}, which this test
 * empties): values back exactly, never replaced by older ones, a customer of another schema not read.
 */
public class OnlineStoreIT {
  static final int DB = 13;
  private static final List<String> NAMES = List.of("temp_mean_24h", "call_30d", "telemetry_silence_hours");
  private RedisClient redis;

  @Before
  public void connect() {
    redis = OnlineStore.at("redis://127.0.0.1:6379/" + DB).connect();
    redis.flushDB();
  }

  @After
  public void close() {
    redis.close();
  }

  @Test
  public void featuresComeBackExactlyWithTheirTime() {
    Double[] values = {21.123456789012345, null, 1e-300};
    assertThat(OnlineStore.write(redis, "c1", 1_594_688_400_000L, NAMES, values), equalTo(true));
    OnlineStore.Stored stored = OnlineStore.read(redis, "c1", NAMES);
    assertThat(stored.values, arrayContaining(21.123456789012345, null, 1e-300));
    assertThat(stored.asOfTime, equalTo("2020-07-14T01:00:00Z"));
    assertThat(OnlineStore.read(redis, "c2", NAMES), nullValue());
  }

  @Test
  public void olderFeaturesNeverReplaceNewerOnes() {
    assertThat(OnlineStore.write(redis, "c1", 2_000L, NAMES, new Double[] {2.0, 2.0, 2.0}), equalTo(true));
    assertThat(OnlineStore.write(redis, "c1", 1_000L, NAMES, new Double[] {1.0, 1.0, 1.0}), equalTo(false));
    assertThat(OnlineStore.read(redis, "c1", NAMES).values, arrayContaining(2.0, 2.0, 2.0));
    // the same time again (a late correction of that emission) replaces them
    assertThat(OnlineStore.write(redis, "c1", 2_000L, NAMES, new Double[] {3.0, null, 3.0}), equalTo(true));
    assertThat(OnlineStore.read(redis, "c1", NAMES).values, arrayContaining(3.0, null, 3.0));
  }

  @Test
  public void featuresOfAnotherSchemaOrNotNumbersAreNotUsed() {
    OnlineStore.write(redis, "c1", 1_000L, NAMES.subList(0, 2), new Double[] {1.0, 2.0});
    assertThat("a feature missing: stored by another model's schema", OnlineStore.read(redis, "c1", NAMES), nullValue());
    redis.hset(OnlineStore.key("c1"), "telemetry_silence_hours", "lots");
    assertThat(assertThrows(BadRecordException.class, () -> OnlineStore.read(redis, "c1", NAMES)).getMessage(),
        equalTo("the online store's telemetry_silence_hours of this customer is 'lots', not a number"));
  }
}
