package dev.churn.transforms.events;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Event times as epoch seconds (fractional, UTC), the unit of the telemetry's {@code ts}. */
public final class EventTime {
  private EventTime() {}

  /**
   * Parses epoch seconds ({@code 1594598424.5023336}), an ISO-8601 instant ({@code 2026-11-25T21:00:00Z})
   * or a date ({@code 2026-11-25}, its start in UTC).
   *
   * @throws java.time.format.DateTimeParseException or {@link NumberFormatException} when it is none
   */
  public static double parseSeconds(String text) {
    char first = text.isEmpty() ? ' ' : text.charAt(0);
    if (Character.isDigit(first) && text.length() == 10 && text.charAt(4) == '-') {
      return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    }
    if (text.contains("T")) {
      Instant instant = Instant.parse(text);
      return instant.getEpochSecond() + instant.getNano() / 1e9;
    }
    double seconds = Double.parseDouble(text);
    if (!Double.isFinite(seconds)) {
      throw new NumberFormatException(text);
    }
    return seconds;
  }

  /** Epoch seconds as an ISO-8601 instant, for messages. */
  public static String format(double seconds) {
    return Instant.ofEpochMilli(Math.round(seconds * 1000)).toString();
  }
}
