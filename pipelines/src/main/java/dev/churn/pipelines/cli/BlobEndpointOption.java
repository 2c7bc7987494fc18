package dev.churn.pipelines.cli;

import picocli.CommandLine.Option;

/** {@code --azure-blob-endpoint}: the Blob service endpoint of azfs:// paths, for every command that reaches storage. */
public final class BlobEndpointOption {
  @Option(
      names = "--azure-blob-endpoint",
      description = "Blob service endpoint for azfs:// paths, such as Azurite's http://127.0.0.1:10000/devstoreaccount1 (default: the storage account's)")
  String url;

  /** The endpoint, or null for the storage account's own. */
  public String url() {
    return url;
  }
}
