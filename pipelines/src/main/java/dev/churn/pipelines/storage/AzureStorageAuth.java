package dev.churn.pipelines.storage;

import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import dev.churn.transforms.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.azure.options.BlobstoreOptions;

/**
 * How to reach Azure Blob Storage / ADLS Gen2, from the Azure CLI's environment variables:
 * {@value #CONNECTION_STRING}, or {@value #ACCOUNT} with {@value #KEY} or {@value #SAS_TOKEN}, else Azure
 * AD through DefaultAzureCredential (managed identity, workload identity, {@code az login}). Secrets are
 * read from the environment of each process, never from the command line.
 */
public final class AzureStorageAuth {
  public static final String CONNECTION_STRING = "AZURE_STORAGE_CONNECTION_STRING";
  public static final String ACCOUNT = "AZURE_STORAGE_ACCOUNT";
  public static final String KEY = "AZURE_STORAGE_KEY";
  public static final String SAS_TOKEN = "AZURE_STORAGE_SAS_TOKEN";
  /** The variables that may hold a secret. */
  public static final List<String> SECRET_VARIABLES = List.of(CONNECTION_STRING, KEY, SAS_TOKEN);

  private final String account;
  private final String key;
  private final String sasToken;
  private final String endpoint;

  private AzureStorageAuth(String account, String key, String sasToken, String endpoint) {
    this.account = blankToNull(account);
    this.key = blankToNull(key);
    this.sasToken = blankToNull(sasToken);
    this.endpoint = blankToNull(endpoint);
  }

  public static AzureStorageAuth fromEnvironment(Map<String, String> environment) {
    String connectionString = blankToNull(environment.get(CONNECTION_STRING));
    if (connectionString != null) {
      return fromConnectionString(connectionString);
    }
    String account = environment.get(ACCOUNT);
    return new AzureStorageAuth(account, environment.get(KEY), environment.get(SAS_TOKEN), defaultEndpoint(account, "https", null));
  }

  /**
   * Parses {@code Name=value;...} as the Azure portal shows it ({@code AccountName}, {@code AccountKey},
   * {@code SharedAccessSignature}, {@code BlobEndpoint}, {@code DefaultEndpointsProtocol},
   * {@code EndpointSuffix}). Azure's own client would add a bearer token beside the key, which plain-http
   * endpoints such as Azurite refuse, so the parts are used one by one.
   */
  static AzureStorageAuth fromConnectionString(String connectionString) {
    Map<String, String> parts = new LinkedHashMap<>();
    for (String part : connectionString.split(";")) {
      int equals = part.indexOf('=');
      if (equals > 0) {
        parts.put(part.substring(0, equals).trim(), part.substring(equals + 1).trim());
      }
    }
    if (!parts.containsKey("AccountName") && !parts.containsKey("BlobEndpoint")) {
      throw new InvalidInputException(
          CONNECTION_STRING + " is not a storage connection string: it names no AccountName or BlobEndpoint");
    }
    String account = parts.get("AccountName");
    String endpoint = parts.get("BlobEndpoint");
    if (endpoint == null) {
      endpoint = defaultEndpoint(account, parts.getOrDefault("DefaultEndpointsProtocol", "https"), parts.get("EndpointSuffix"));
    }
    return new AzureStorageAuth(account, parts.get("AccountKey"), parts.get("SharedAccessSignature"), endpoint);
  }

  /**
   * A client builder with these credentials; {@code endpointOverride} (from {@code --azure-blob-endpoint})
   * wins over the account's endpoint.
   */
  public BlobServiceClientBuilder builder(String endpointOverride) {
    BlobServiceClientBuilder builder = new BlobServiceClientBuilder();
    String url = blankToNull(endpointOverride) != null ? endpointOverride : endpoint;
    if (url != null) {
      builder.endpoint(url);
    }
    if (account != null && key != null) {
      builder.credential(new StorageSharedKeyCredential(account, key));
    } else if (sasToken != null) {
      builder.sasToken(sasToken);
    } else {
      builder.credential(new DefaultAzureCredentialBuilder().build());
    }
    return builder;
  }

  /**
   * Gives Beam's azfs file system the key or SAS token: it signs a SAS with them to copy blobs, which is
   * how it renames finished files into place. With Azure AD alone it cannot, so files cannot be written.
   */
  public void applyTo(BlobstoreOptions options) {
    if (account != null && key != null) {
      options.setAccountName(account);
      options.setAccessKey(key);
    } else if (sasToken != null) {
      // Beam appends it to a blob's URL as it is
      options.setSasToken(sasToken.startsWith("?") ? sasToken : "?" + sasToken);
    }
  }

  /** Which kind of credential is used, for messages (never the secret itself). */
  public String describe() {
    if (account != null && key != null) {
      return "account key of " + account;
    }
    if (sasToken != null) {
      return "SAS token" + (account == null ? "" : " of " + account);
    }
    return "Azure AD (DefaultAzureCredential)";
  }

  private static String defaultEndpoint(String account, String protocol, String suffix) {
    if (blankToNull(account) == null) {
      return null;
    }
    return protocol + "://" + account + ".blob." + (suffix == null ? "core.windows.net" : suffix);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
