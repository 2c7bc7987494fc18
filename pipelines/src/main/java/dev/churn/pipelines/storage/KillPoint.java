package dev.churn.pipelines.storage;

import java.io.IOException;
import java.util.List;

/**
 * The steps of publishing, named, where a test can have this process killed with SIGKILL (the
 * environment variable {@value #VARIABLE} names the step) to check what a crash there leaves behind.
 */
public final class KillPoint {
  public static final String VARIABLE = "CHURN_KILL_AT";

  /** The steps of {@link OutputFolder.Run#publish}, in order. */
  public static final List<String> STEPS =
      List.of("pipeline-done", "ready", "table-committed", "first-file-moved", "files-moved", "manifest-written", "superseded-removed");

  private KillPoint() {}

  static void reach(String step) {
    if (!STEPS.contains(step)) {
      throw new IllegalArgumentException("unknown step " + step);
    }
    if (!step.equals(System.getenv(VARIABLE))) {
      return;
    }
    try {
      new ProcessBuilder("kill", "-KILL", Long.toString(ProcessHandle.current().pid())).inheritIO().start().waitFor();
      Thread.sleep(60_000);
    } catch (IOException | InterruptedException e) {
      // no kill command: end as abruptly as it would have
    }
    Runtime.getRuntime().halt(137);
  }
}
