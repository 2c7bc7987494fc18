package dev.churn.pipelines.online;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.Assert.assertThrows;

import dev.churn.transforms.InvalidInputException;
import org.junit.Test;

/** The online store's address, checked before any connection; its password never shown. */
public class OnlineStoreTest {
  @Test
  public void anAddressIsCheckedAndShownWithoutItsPassword() {
    assertThat(OnlineStore.at("redis://127.0.0.1:6379").display(), equalTo("redis://127.0.0.1:6379"));
    assertThat(OnlineStore.at("redis://:s3cret@cache.example:6380/2").display(), equalTo("redis://cache.example:6380/2"));
    assertThat(OnlineStore.at("rediss://user:s3cret@cache.example:6380").toString(), equalTo("rediss://cache.example:6380"));
  }

  @Test
  public void whatIsNotARedisAddressIsRefusedWithOneLine() {
    assertThat(assertThrows(InvalidInputException.class, () -> OnlineStore.at("http://127.0.0.1:6379")).getMessage(),
        equalTo("--online-store http://127.0.0.1:6379: give redis://HOST:PORT[/DB] (or rediss:// for TLS)"));
    assertThat(assertThrows(InvalidInputException.class, () -> OnlineStore.at("redis://:pw@127.0.0.1:6379/features")).getMessage(),
        equalTo("--online-store redis://127.0.0.1:6379/features: the database after the port is a number (redis://HOST:PORT/0)"));
    assertThat(assertThrows(InvalidInputException.class, () -> OnlineStore.at("redis://a b")).getMessage().startsWith("--online-store redis://a b: not a URI"),
        equalTo(true));
  }
}
