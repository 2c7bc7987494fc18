package dev.churn.pipelines.cli;

import dev.churn.pipelines.jobs.ScoringInputs;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options of the commands that apply registered models to a customers file (score, evaluate, monitor, stream). */
public final class ScoringInputOptions {
  @Option(names = "--customers", required = true, description = "customers CSV file or glob")
  String customers;

  @Option(names = "--schema", description = "dataset schema file (default: the schema the model was trained with)")
  String schema;

  @Mixin RegistryOption registry;

  @Option(names = "--model-version", description = "score every segment with this version (default: each segment's champion)")
  String modelVersion;

  /** The inputs these options name, the registry reached through the command's blob endpoint. */
  ScoringInputs inputs(RunnerOptions runner, EventOptions events) {
    ScoringInputs inputs = new ScoringInputs();
    inputs.customers = customers;
    inputs.schema = schema;
    inputs.registry = registry.at(runner.blobEndpoint());
    inputs.modelVersion = modelVersion;
    if (events != null) {
      inputs.events = events.inputs();
    }
    return inputs;
  }
}
