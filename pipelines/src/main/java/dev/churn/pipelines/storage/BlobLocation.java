package dev.churn.pipelines.storage;

import com.azure.storage.blob.BlobContainerClient;
import dev.churn.transforms.InvalidInputException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A place in Azure Blob Storage / ADLS Gen2 named {@code azfs://ACCOUNT/CONTAINER/path}. */
final class BlobLocation {
  private static final Pattern AZFS = Pattern.compile("azfs://([^/]+)/([^/]+)(?:/(.*))?");

  final String account;
  final String container;
  /** The folder in the container: empty, or ending with '/'. */
  final String prefix;

  private BlobLocation(String account, String container, String prefix) {
    this.account = account;
    this.container = container;
    this.prefix = prefix;
  }

  /** @param what what the location is, for the message when it is not an azfs:// location */
  static BlobLocation parse(String location, String what) {
    Matcher parts = AZFS.matcher(OutputFolder.normalize(location));
    if (!parts.matches()) {
      throw new InvalidInputException(what + " " + location + ": expected azfs://ACCOUNT/CONTAINER/path");
    }
    String path = parts.group(3) == null ? "" : parts.group(3);
    return new BlobLocation(parts.group(1), parts.group(2), path.isEmpty() ? "" : path + "/");
  }

  /** The container, reached with the environment's credentials ({@link AzureStorageAuth}). */
  BlobContainerClient client(String blobEndpoint) {
    return AzureStorageAuth.fromEnvironment(System.getenv()).builder(blobEndpoint).buildClient().getBlobContainerClient(container);
  }
}
