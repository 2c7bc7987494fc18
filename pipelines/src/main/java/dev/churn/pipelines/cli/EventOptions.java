package dev.churn.pipelines.cli;

import dev.churn.pipelines.input.FeatureInputs;
import dev.churn.transforms.Progress;
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

  FeatureInputs inputs() {
    FeatureInputs inputs = FeatureInputs.check(telemetry, devices, interactions, cutoff);
    if (inputs.any()) {
      Progress.say("event features as of " + inputs.describeCutoff());
    }
    return inputs;
  }
}
