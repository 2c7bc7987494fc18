package dev.churn.pipelines.cli;

import dev.churn.pipelines.FeatureInputs;
import dev.churn.transforms.Progress;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options naming the event inputs features are computed from, and the cutoff. */
public final class EventOptions {
  @Option(names = "--telemetry", description = "device telemetry: CSV, JSON lines or a JSON array file (or glob); needs --devices")
  String telemetry;

  @Option(names = "--devices", description = "device registry CSV (device_id, customer_id, installed_at)")
  String devices;

  @Option(names = "--interactions", description = "interactions: CSV or JSON lines (customer_id, ts, channel, kind)")
  String interactions;

  @Option(names = "--cutoff", description = "features as of this time; only events before it count: 2026-11-25, 2026-11-25T21:00:00Z or epoch seconds (default: now)")
  String cutoff;

  /** The options given, as command-line arguments again (for a command started from another). */
  List<String> arguments() {
    List<String> arguments = new ArrayList<>();
    String[][] given = {{"--telemetry", telemetry}, {"--devices", devices}, {"--interactions", interactions}, {"--cutoff", cutoff}};
    for (String[] option : given) {
      if (option[1] != null) {
        arguments.add(option[0]);
        arguments.add(option[1]);
      }
    }
    return arguments;
  }

  FeatureInputs inputs() {
    FeatureInputs inputs = FeatureInputs.check(telemetry, devices, interactions, cutoff);
    if (inputs.any()) {
      Progress.say("event features as of " + inputs.describeCutoff());
    }
    return inputs;
  }
}
