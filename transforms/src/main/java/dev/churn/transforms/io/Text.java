package dev.churn.transforms.io;

/** Shortening user data before it goes into a message. */
public final class Text {
  private Text() {}

  /** The text cut to at most {@code max} characters, saying how much was left out. */
  public static String abbreviate(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    return text.substring(0, max) + "... (" + text.length() + " characters)";
  }
}
