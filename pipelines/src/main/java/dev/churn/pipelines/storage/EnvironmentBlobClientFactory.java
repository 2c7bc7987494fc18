package dev.churn.pipelines.storage;

import com.azure.storage.blob.BlobServiceClientBuilder;
import org.apache.beam.sdk.io.azure.options.BlobstoreClientBuilderFactory;
import org.apache.beam.sdk.io.azure.options.BlobstoreOptions;

/**
 * Beam's azfs:// client, authenticated from the environment of the process it runs in (see
 * {@link AzureStorageAuth}); the endpoint comes from the pipeline option {@code blobServiceEndpoint}.
 * The key or SAS token is also set on the options this file system reads, because Beam's azfs signs
 * blob copies with them; like Beam's own {@code --accessKey}, they then go with the job to its workers.
 */
public final class EnvironmentBlobClientFactory implements BlobstoreClientBuilderFactory {
  @Override
  public BlobServiceClientBuilder createBuilder(BlobstoreOptions options) {
    AzureStorageAuth auth = AzureStorageAuth.fromEnvironment(System.getenv());
    auth.applyTo(options);
    return auth.builder(options.getBlobServiceEndpoint());
  }
}
