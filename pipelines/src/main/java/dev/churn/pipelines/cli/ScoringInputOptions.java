package dev.churn.pipelines.cli;

import dev.churn.models.registry.ModelChoice;
import dev.churn.models.registry.ModelRegistry;
import dev.churn.models.registry.ModelVersion;
import dev.churn.pipelines.CustomerInput;
import dev.churn.transforms.schema.DatasetSchemaFile;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options of the commands that apply registered models to a customers file (score, evaluate). */
public final class ScoringInputOptions {
  @Option(names = "--customers", required = true, description = "customers CSV file or glob")
  String customers;

  @Option(names = "--schema", description = "dataset schema file (default: the schema the model was trained with)")
  String schema;

  @Option(names = "--registry", required = true, description = "model registry folder")
  Path registry;

  @Option(names = "--model-version", description = "score every segment with this version (default: each segment's champion)")
  String modelVersion;

  ModelRegistry registry() {
    return new ModelRegistry(registry);
  }

  /** The versions to score with: {@code --model-version}, or the champions. */
  ModelChoice models() {
    ModelRegistry models = registry();
    if (modelVersion != null) {
      models.versionFolder(modelVersion);
      return ModelChoice.of(modelVersion);
    }
    return models.champions();
  }

  /** Loads every version of a choice (which checks each is complete) and returns the default one. */
  ModelVersion load(ModelChoice choice) {
    ModelRegistry models = registry();
    choice.versions().forEach(version -> ModelVersion.load(models, version));
    return ModelVersion.load(models, choice.defaultVersion());
  }

  /** The customers file checked against the schema (the model's own unless --schema is given). */
  CustomerInput input(ModelVersion version, boolean withLabel) {
    return CustomerInput.check(
        customers, schema != null ? DatasetSchemaFile.load(schema) : version.metadata().schema, withLabel);
  }
}
