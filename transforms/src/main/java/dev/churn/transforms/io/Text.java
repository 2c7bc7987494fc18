package dev.churn.transforms.io;

/** Numbers and user data as they go into reasons and messages. */
public final class Text {
  private Text() {}

  /** The text cut to at most {@code max} characters, saying how much was left out. */
  public static String abbreviate(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    return text.substring(0, max) + "... (" + text.length() + " characters)";
  }

  /** A whole number as it is ({@code 12}), any other with two decimals ({@code 29.85}). */
  public static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : String.format(java.util.Locale.ROOT, "%.2f", value);
  }
}
