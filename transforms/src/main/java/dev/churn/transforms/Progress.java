package dev.churn.transforms;

/**
 * Progress lines on the error stream, so standard output stays for results (JSON, summaries). Warnings
 * and outcomes always show ({@link #say}); the running commentary of long runs ({@link #status}:
 * which pipeline starts, how far it got every few seconds, when it ended) is left out with
 * {@code --quiet}.
 */
public final class Progress {
  private static volatile boolean quiet;

  private Progress() {}

  public static void say(String message) {
    System.err.println("[churn] " + message);
  }

  /** A line of running commentary: shown unless {@link #setQuiet quiet}. */
  public static void status(String message) {
    if (!quiet) {
      say(message);
    }
  }

  public static void setQuiet(boolean value) {
    quiet = value;
  }
}
