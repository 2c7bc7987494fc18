package dev.churn.pipelines.cli;

import dev.churn.models.registry.Decision;
import dev.churn.models.registry.PromotionGate;
import dev.churn.pipelines.jobs.PromoteJob;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code churn models promote}: passes a challenger through the promotion gate, per segment, on a
 * labelled file that the challenger and each segment's champion are both scored on, and moves the
 * champion alias of every segment that passes. Every decision is recorded with its numbers.
 */
@Command(name = "promote", mixinStandardHelpOptions = true, description = "Make a challenger champion where it passes the promotion gate.")
public final class PromoteCommand implements Callable<Integer> {
  @Mixin RegistryOption registry;

  @Option(names = "--customers", required = true, description = "labelled customers the challenger and champions are compared on (not used in training)")
  String customers;

  @Option(names = "--model-version", description = "the version to promote (default: the challenger)")
  String version;

  @Option(names = "--segment", description = "segments to decide for, '*' for all segments without their own champion (default: '*' and every segment of the version)")
  List<String> segments;

  @Option(names = "--auc-tolerance", description = "the challenger's AUC may be this much below the champion's (default: " + PromotionGate.DEFAULT_AUC_TOLERANCE + ")")
  Double aucTolerance;

  @Option(names = "--min-selection-rate-ratio", description = "lowest over highest selection rate between the groups of a sensitive attribute (default: " + PromotionGate.DEFAULT_MIN_SELECTION_RATE_RATIO + ")")
  Double minSelectionRateRatio;

  @Option(names = "--min-true-positive-rate-ratio", description = "lowest over highest true-positive rate between groups (default: " + PromotionGate.DEFAULT_MIN_TRUE_POSITIVE_RATE_RATIO + ")")
  Double minTruePositiveRateRatio;

  @Option(names = "--force", description = "promote even where the gate refuses (recorded as forced)")
  boolean force;

  @Mixin EventOptions events;

  @Mixin RunnerOptions runner;

  @Override
  public Integer call() {
    report(PromoteJob.run(request()), System.out);
    return ChurnCli.OK;
  }

  PromoteJob.Request request() {
    PromoteJob.Request request = new PromoteJob.Request();
    request.execution = runner.execution();
    request.registry = registry.at(runner.blobEndpoint());
    request.customers = customers;
    request.version = version;
    request.segments = segments;
    request.force = force;
    request.events = events.inputs();
    if (aucTolerance != null) {
      request.gate.aucTolerance = aucTolerance;
    }
    if (minSelectionRateRatio != null) {
      request.gate.minSelectionRateRatio = minSelectionRateRatio;
    }
    if (minTruePositiveRateRatio != null) {
      request.gate.minTruePositiveRateRatio = minTruePositiveRateRatio;
    }
    return request;
  }

  static void report(List<Decision> decisions, PrintStream out) {
    for (Decision d : decisions) {
      out.printf(
          Locale.ROOT,
          "segment %-16s %-8s %s%s: %s%n",
          d.segment,
          Decision.PROMOTE.equals(d.action) ? "promoted" : Decision.REFUSE.equals(d.action) ? "refused" : "kept",
          d.version,
          d.champion == null ? "" : " (champion " + d.champion + ")",
          d.reason);
    }
  }
}
