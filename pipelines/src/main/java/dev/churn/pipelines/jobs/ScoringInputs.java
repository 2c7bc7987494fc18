package dev.churn.pipelines.jobs;

import dev.churn.models.registry.ModelChoice;
import dev.churn.models.registry.ModelRegistry;
import dev.churn.models.registry.ModelVersion;
import dev.churn.pipelines.input.CustomerInput;
import dev.churn.pipelines.input.FeatureInputs;
import dev.churn.pipelines.storage.RegistryLocation;
import dev.churn.transforms.InvalidInputException;
import dev.churn.transforms.Progress;
import dev.churn.transforms.schema.DatasetSchema;
import dev.churn.transforms.schema.DatasetSchemaFile;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the jobs that apply registered models (score, evaluate, monitor, stream) read: customers, the
 * registry and which versions, the event inputs, and optionally another dataset schema.
 */
public final class ScoringInputs {
  public String customers;
  public RegistryLocation registry;
  /** Every segment scored with this version; null for each segment's champion. */
  public String modelVersion;
  /** A dataset schema file to read the customers with; null for the model's own schema. */
  public String schema;

  public FeatureInputs events = FeatureInputs.check(null, null, null, null);

  /** The versions to score with: {@link #modelVersion}, or the champions. */
  public ModelChoice models() {
    return choose(registry.open(), modelVersion);
  }

  /** {@code modelVersion} (which must exist) for every segment, or, when it is null, the champions. */
  public static ModelChoice choose(ModelRegistry models, String modelVersion) {
    if (modelVersion != null) {
      models.versionFolder(modelVersion);
      return ModelChoice.of(modelVersion);
    }
    return models.champions();
  }

  /** Loads every version of a choice (which checks each is complete) and returns the default one. */
  public ModelVersion load(ModelChoice choice) {
    return loadAll(registry.open(), choice).get(choice.defaultVersion());
  }

  /**
   * Every version of a choice, loaded (which checks each is complete), by name. Customers are read with
   * the default version's schema, so the others may not need event features it does not have.
   */
  public static Map<String, ModelVersion> loadAll(ModelRegistry models, ModelChoice choice) {
    Map<String, ModelVersion> loaded = new TreeMap<>();
    ModelVersion main = ModelVersion.load(models, choice.defaultVersion());
    loaded.put(main.version(), main);
    Set<String> features = main.metadata().schema.featureNames();
    for (String version : choice.versions()) {
      ModelVersion other = loaded.computeIfAbsent(version, v -> ModelVersion.load(models, v));
      if (!features.containsAll(other.metadata().schema.featureNames())) {
        throw new InvalidInputException(
            "the champions use different event features (" + version + ": " + other.metadata().schema.featureNames() + "; "
                + main.version() + ": " + features + "): score with --model-version");
      }
    }
    return loaded;
  }

  /** The customers checked against the schema, with the event inputs the model's features need. */
  public CustomerInput input(ModelVersion version, boolean withLabel) {
    events.requireFor(schema(version), "model version " + version.version()).forEach(Progress::say);
    return customersOnly(version, withLabel).withEvents(events);
  }

  /** The customers checked against the schema, without event inputs. */
  public CustomerInput customersOnly(ModelVersion version, boolean withLabel) {
    return CustomerInput.check(customers, schema(version), withLabel);
  }

  /** The model's schema, or {@link #schema} with the model's event features. */
  public DatasetSchema schema(ModelVersion version) {
    DatasetSchema modelSchema = version.metadata().schema;
    return schema != null ? DatasetSchemaFile.load(schema).withFeatures(modelSchema.features) : modelSchema;
  }
}
