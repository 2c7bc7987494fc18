package dev.churn.pipelines.online;

import dev.churn.transforms.InvalidInputException;
import dev.churn.transforms.io.BadRecordException;
import dev.churn.transforms.io.Text;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.RedisClient;

/**
 * The online store of event features, in Redis (the pattern of Feast's online store): per customer a
 * hash at {@code churn:features:CUSTOMER_ID} holding each event feature's value (its shortest exact
 * decimal form, "" for a missing value) and the time they are as of ({@code as_of}, epoch
 * milliseconds, and {@code as_of_time}, ISO-8601). A write replaces a customer's features only with
 * features as of the same time or later, so a late or replayed write never brings older values back.
 */
public final class OnlineStore implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String KEY_PREFIX = "churn:features:";
  static final String AS_OF = "as_of";
  static final String AS_OF_TIME = "as_of_time";
  /** Replaces the hash unless it holds features of a later time; returns 1 when it wrote. */
  private static final String WRITE_IF_NOT_OLDER =
      "local current = redis.call('HGET', KEYS[1], 'as_of')\n"
          + "if current and tonumber(current) > tonumber(ARGV[1]) then return 0 end\n"
          + "redis.call('DEL', KEYS[1])\n"
          + "redis.call('HSET', KEYS[1], unpack(ARGV, 2))\n"
          + "return 1";

  private final String uri;

  private OnlineStore(String uri) {
    this.uri = uri;
  }

  /** A store at {@code redis://HOST:PORT[/DB]} (a password as {@code redis://:PASSWORD@HOST:PORT}), checked before any connection. */
  public static OnlineStore at(String uri) {
    URI parsed;
    try {
      parsed = new URI(uri);
    } catch (URISyntaxException e) {
      throw new InvalidInputException("--online-store " + display(uri) + ": not a URI (" + e.getReason() + "); give redis://HOST:PORT[/DB]");
    }
    if (!"redis".equals(parsed.getScheme()) && !"rediss".equals(parsed.getScheme()) || parsed.getHost() == null) {
      throw new InvalidInputException("--online-store " + display(uri) + ": give redis://HOST:PORT[/DB] (or rediss:// for TLS)");
    }
    String db = parsed.getPath() == null ? "" : parsed.getPath().replaceFirst("^/", "");
    if (!db.isEmpty() && !db.matches("\\d{1,2}")) {
      throw new InvalidInputException("--online-store " + display(uri) + ": the database after the port is a number (redis://HOST:PORT/0)");
    }
    return new OnlineStore(uri);
  }

  /** The address without a password, for messages. */
  public String display() {
    return display(uri);
  }

  private static String display(String uri) {
    return uri.replaceFirst("//[^@/]*@", "//");
  }

  @Override
  public String toString() {
    return display();
  }

  /** A client of the store (a pool of connections, safe to share between threads); close it after use. */
  public RedisClient connect() {
    return RedisClient.create(URI.create(uri));
  }

  static String key(String customerId) {
    return KEY_PREFIX + customerId;
  }

  /**
   * Writes a customer's features ({@code values} in the order of {@code names}) as of {@code asOfMillis},
   * unless the store holds features of a later time; whether it wrote.
   */
  public static boolean write(RedisClient redis, String customerId, long asOfMillis, List<String> names, Double[] values) {
    List<String> args = new ArrayList<>(4 + 2 * names.size());
    args.add(Long.toString(asOfMillis));
    args.add(AS_OF);
    args.add(Long.toString(asOfMillis));
    args.add(AS_OF_TIME);
    args.add(Instant.ofEpochMilli(asOfMillis).toString());
    for (int f = 0; f < names.size(); f++) {
      args.add(names.get(f));
      args.add(values[f] == null ? "" : values[f].toString());
    }
    Object wrote = redis.eval(WRITE_IF_NOT_OLDER, List.of(key(customerId)), args);
    return Long.valueOf(1).equals(wrote);
  }

  /** A customer's features read back: in the order asked for, and the time they are as of. */
  public static final class Stored {
    public final Double[] values;
    public final String asOfTime;

    Stored(Double[] values, String asOfTime) {
      this.values = values;
      this.asOfTime = asOfTime;
    }
  }

  /**
   * The customer's stored features named {@code names}, or null when the store holds none for it, or
   * not all of those (features of another model's schema).
   */
  public static Stored read(RedisClient redis, String customerId, List<String> names) {
    String[] fields = new String[names.size() + 1];
    fields[0] = AS_OF_TIME;
    for (int f = 0; f < names.size(); f++) {
      fields[f + 1] = names.get(f);
    }
    List<String> stored = redis.hmget(key(customerId), fields);
    if (stored.contains(null)) {
      return null;
    }
    Double[] values = new Double[names.size()];
    for (int f = 0; f < values.length; f++) {
      String text = stored.get(f + 1);
      try {
        values[f] = text.isEmpty() ? null : Double.valueOf(text);
      } catch (NumberFormatException e) {
        throw new BadRecordException("the online store's " + names.get(f) + " of this customer is '" + Text.abbreviate(text, 40) + "', not a number");
      }
    }
    return new Stored(values, stored.get(0));
  }
}
