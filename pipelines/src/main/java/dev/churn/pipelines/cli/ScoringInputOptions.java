package dev.churn.pipelines.cli;

import dev.churn.models.registry.ModelChoice;
import dev.churn.models.registry.ModelRegistry;
import dev.churn.models.registry.ModelVersion;
import dev.churn.pipelines.CustomerInput;
import dev.churn.pipelines.FeatureInputs;
import dev.churn.pipelines.storage.RegistryLocation;
import dev.churn.transforms.InvalidInputException;
import dev.churn.transforms.Progress;
import dev.churn.transforms.schema.DatasetSchema;
import dev.churn.transforms.schema.DatasetSchemaFile;
import java.util.Set;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options of the commands that apply registered models to a customers file (score, evaluate, stream). */
public final class ScoringInputOptions {
  @Option(names = "--customers", required = true, description = "customers CSV file or glob")
  String customers;

  @Option(names = "--schema", description = "dataset schema file (default: the schema the model was trained with)")
  String schema;

  @Mixin RegistryOption registry;

  @Option(names = "--model-version", description = "score every segment with this version (default: each segment's champion)")
  String modelVersion;

  /** The registry, reached through the command's {@code --azure-blob-endpoint}. */
  RegistryLocation registry(RunnerOptions runner) {
    return registry.at(runner.blobEndpoint());
  }

  /** The versions to score with: {@code --model-version}, or the champions. */
  ModelChoice models(RegistryLocation registry) {
    ModelRegistry models = registry.open();
    if (modelVersion != null) {
      models.versionFolder(modelVersion);
      return ModelChoice.of(modelVersion);
    }
    return models.champions();
  }

  /** Loads every version of a choice (which checks each is complete) and returns the default one. */
  ModelVersion load(RegistryLocation registry, ModelChoice choice) {
    ModelRegistry models = registry.open();
    ModelVersion main = ModelVersion.load(models, choice.defaultVersion());
    Set<String> features = featureNames(main);
    for (String version : choice.versions()) {
      ModelVersion other = ModelVersion.load(models, version);
      if (!features.containsAll(featureNames(other))) {
        throw new InvalidInputException(
            "the champions use different event features (" + version + ": " + featureNames(other) + "; "
                + main.version() + ": " + features + "): score with --model-version");
      }
    }
    return main;
  }

  private static Set<String> featureNames(ModelVersion version) {
    return version.metadata().schema.featureNames();
  }

  /**
   * The customers file checked against the schema (the model's own unless --schema is given), with the
   * event inputs the model's features need.
   */
  CustomerInput input(ModelVersion version, boolean withLabel, EventOptions events) {
    FeatureInputs eventInputs = events.inputs();
    eventInputs.requireFor(schema(version), "model version " + version.version()).forEach(Progress::say);
    return input(version, withLabel).withEvents(eventInputs);
  }

  /** The customers file checked against the schema, without event inputs. */
  CustomerInput input(ModelVersion version, boolean withLabel) {
    return CustomerInput.check(customers, schema(version), withLabel);
  }

  /** The model's schema, or --schema with the model's event features. */
  DatasetSchema schema(ModelVersion version) {
    DatasetSchema modelSchema = version.metadata().schema;
    return schema != null ? DatasetSchemaFile.load(schema).withFeatures(modelSchema.features) : modelSchema;
  }
}
