package dev.churn.pipelines.storage;

import dev.churn.models.registry.ModelRegistry;
import dev.churn.transforms.InvalidInputException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a model registry is: a local folder or {@code azfs://ACCOUNT/CONTAINER/path}, and the blob
 * endpoint to reach it by ({@code --azure-blob-endpoint}, null for the account's). Serializable, so a
 * pipeline's workers get it with their functions; each copy opens the registry once, on first use.
 */
public final class RegistryLocation implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String location;
  private final String blobEndpoint;
  private transient ModelRegistry opened;

  private RegistryLocation(String location, String blobEndpoint) {
    this.location = location;
    this.blobEndpoint = blobEndpoint;
  }

  /** @param blobEndpoint overrides the storage account's blob endpoint for azfs:// (null: none) */
  public static RegistryLocation of(String location, String blobEndpoint) {
    if (OutputFolder.isUri(location) && !location.startsWith("azfs://")) {
      throw new InvalidInputException("registry " + location + ": use a folder or azfs://ACCOUNT/CONTAINER/path");
    }
    return new RegistryLocation(OutputFolder.normalize(location), blobEndpoint);
  }

  /** A local registry folder. */
  public static RegistryLocation of(Path folder) {
    return of(folder.toString(), null);
  }

  public String location() {
    return location;
  }

  /** The registry, opened on the first call. */
  public synchronized ModelRegistry open() {
    if (opened == null) {
      opened = location.startsWith("azfs://")
          ? new ModelRegistry(AzureRegistryStorage.of(location, blobEndpoint))
          : new ModelRegistry(Path.of(location));
    }
    return opened;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RegistryLocation
        && ((RegistryLocation) o).location.equals(location)
        && Objects.equals(((RegistryLocation) o).blobEndpoint, blobEndpoint);
  }

  @Override
  public int hashCode() {
    return Objects.hash(location, blobEndpoint);
  }

  @Override
  public String toString() {
    return location;
  }
}
