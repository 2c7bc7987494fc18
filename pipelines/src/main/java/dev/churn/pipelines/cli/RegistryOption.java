package dev.churn.pipelines.cli;

import dev.churn.pipelines.storage.RegistryLocation;
import picocli.CommandLine.Option;

/** {@code --registry}: where the model registry is, for every command that reads or writes it. */
public final class RegistryOption {
  @Option(names = "--registry", required = true, description = "model registry: a folder, or azfs://ACCOUNT/CONTAINER/path")
  String location;

  /** The registry, reached through {@code endpoint} when it is in blob storage. */
  RegistryLocation at(BlobEndpointOption endpoint) {
    return RegistryLocation.of(location, endpoint.url());
  }
}
