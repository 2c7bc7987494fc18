package dev.churn.transforms.events;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** One contact with a customer: when (epoch seconds), on which channel ({@code web}, {@code call}, ...). */
public final class Interaction implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final List<String> REQUIRED_COLUMNS = List.of("customer_id", "ts", "channel");

  public final String customerId;
  public final double ts;
  public final String channel;
  /** What happened ({@code visit}, {@code complaint}, ...), or null. */
  public final String kind;

  public Interaction(String customerId, double ts, String channel, String kind) {
    this.customerId = customerId;
    this.ts = ts;
    this.channel = channel;
    this.kind = kind;
  }

  static Interaction parse(RecordFields fields) {
    return new Interaction(
        fields.text("customer_id"),
        fields.epochSeconds("ts"),
        fields.text("channel").toLowerCase(Locale.ROOT),
        fields.optionalText("kind"));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Interaction
        && ((Interaction) o).ts == ts
        && ((Interaction) o).customerId.equals(customerId)
        && ((Interaction) o).channel.equals(channel)
        && Objects.equals(((Interaction) o).kind, kind);
  }

  @Override
  public int hashCode() {
    return Objects.hash(customerId, ts, channel, kind);
  }
}
