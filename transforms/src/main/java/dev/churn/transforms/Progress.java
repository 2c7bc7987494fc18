package dev.churn.transforms;

/** Progress lines on the error stream, so standard output stays for results (JSON, summaries). */
public final class Progress {
  private Progress() {}

  public static void say(String message) {
    System.err.println("[churn] " + message);
  }
}
