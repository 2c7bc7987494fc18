package dev.churn.pipelines.cli;

import dev.churn.models.registry.ModelRegistry;
import dev.churn.models.registry.ModelVersion;
import dev.churn.pipelines.CustomerInput;
import dev.churn.transforms.schema.DatasetSchemaFile;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options of the commands that apply a registered version to a customers file (score, evaluate). */
public final class ScoringInputOptions {
  @Option(names = "--customers", required = true, description = "customers CSV file or glob")
  String customers;

  @Option(names = "--schema", description = "dataset schema file (default: the schema the model was trained with)")
  String schema;

  @Option(names = "--registry", required = true, description = "model registry folder")
  Path registry;

  @Option(names = "--model-version", description = "version to use (default: the newest)")
  String modelVersion;

  ModelRegistry registry() {
    return new ModelRegistry(registry);
  }

  /** The chosen version, loaded (which checks it is complete). */
  ModelVersion version() {
    ModelRegistry models = registry();
    return ModelVersion.load(models, modelVersion != null ? modelVersion : models.latestVersion());
  }

  /** The customers file checked against the schema (the model's own unless --schema is given). */
  CustomerInput input(ModelVersion version, boolean withLabel) {
    return CustomerInput.check(
        customers, schema != null ? DatasetSchemaFile.load(schema) : version.metadata().schema, withLabel);
  }
}
