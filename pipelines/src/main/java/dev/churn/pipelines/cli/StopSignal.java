package dev.churn.pipelines.cli;

import dev.churn.transforms.Progress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM (what an orchestrator or {@code kill} sends) and SIGINT (Ctrl-C) as a request to stop
 * cleanly, while a command runs: instead of the JVM's default exit (status 143 or 130, with whatever
 * was in progress cut off), {@code stop} runs once, and the command ends by returning, with status 0
 * once it has finished what it was doing. Closing it puts the JVM's own handling back.
 */
final class StopSignal implements AutoCloseable {
  private static final List<String> SIGNALS = List.of("TERM", "INT");
  private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();

  private StopSignal(String what, Runnable stop) {
    AtomicBoolean asked = new AtomicBoolean();
    for (String name : SIGNALS) {
      Signal signal = new Signal(name);
      previous.put(signal, Signal.handle(signal, received -> {
        Progress.say("SIG" + name + ": " + what);
        if (asked.compareAndSet(false, true)) {
          Thread stopping = new Thread(stop, "churn-stop");
          stopping.setDaemon(true);
          stopping.start();
        }
      }));
    }
  }

  /** Runs {@code stop} (once, in a thread of its own) at SIGTERM or SIGINT until closed; {@code what} says what happens then. */
  static StopSignal onStop(String what, Runnable stop) {
    return new StopSignal(what, stop);
  }

  @Override
  public void close() {
    previous.forEach(Signal::handle);
  }
}
