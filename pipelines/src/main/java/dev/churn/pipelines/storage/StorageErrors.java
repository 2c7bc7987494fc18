package dev.churn.pipelines.storage;

import com.azure.storage.blob.models.BlobStorageException;

/** One readable line for a storage failure, with what to do about the common Azure ones. */
final class StorageErrors {
  private StorageErrors() {}

  static String describe(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof BlobStorageException) {
        BlobStorageException azure = (BlobStorageException) t;
        String code = azure.getErrorCode() == null ? "error" : azure.getErrorCode().toString();
        String status = code + " (HTTP " + azure.getStatusCode() + ")";
        switch (code) {
          case "ContainerNotFound":
            return "the container does not exist: " + status;
          case "AuthenticationFailed":
          case "AuthorizationFailure":
          case "AuthorizationPermissionMismatch":
            return "the storage account refused the credentials from " + AzureStorageAuth.ACCOUNT + ", "
                + AzureStorageAuth.KEY + ", " + AzureStorageAuth.SAS_TOKEN + " or " + AzureStorageAuth.CONNECTION_STRING + ": " + status;
          default:
            return status;
        }
      }
    }
    String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    return message.lines().findFirst().orElse(message);
  }
}
