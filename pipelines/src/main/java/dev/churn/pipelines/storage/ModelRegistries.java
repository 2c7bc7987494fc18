package dev.churn.pipelines.storage;

import dev.churn.models.registry.ModelRegistry;
import dev.churn.transforms.InvalidInputException;
import java.nio.file.Path;

/** Opens a registry from its location: a local folder, or {@code azfs://ACCOUNT/CONTAINER/path}. */
public final class ModelRegistries {
  private ModelRegistries() {}

  /** @param blobEndpoint overrides the storage account's blob endpoint for azfs:// (null: none) */
  public static ModelRegistry open(String location, String blobEndpoint) {
    if (location.startsWith("azfs://")) {
      return new ModelRegistry(AzureRegistryStorage.of(location, blobEndpoint));
    }
    if (OutputFolder.isUri(location)) {
      throw new InvalidInputException("registry " + location + ": use a folder or azfs://ACCOUNT/CONTAINER/path");
    }
    return new ModelRegistry(Path.of(location));
  }
}
