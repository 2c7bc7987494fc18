package dev.churn.pipelines.storage;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import com.azure.storage.blob.specialized.AppendBlobClient;
import com.azure.storage.blob.specialized.BlobLeaseClient;
import com.azure.storage.blob.specialized.BlobLeaseClientBuilder;
import dev.churn.models.registry.ModelRegistry;
import dev.churn.models.registry.RegistryStorage;
import dev.churn.transforms.io.LocalFolders;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * A registry in Azure Blob Storage / ADLS Gen2, at {@code azfs://ACCOUNT/CONTAINER/path}. Blobs have no
 * atomic rename, so a version is published in three steps that keep its readers safe: the version name
 * is claimed by creating {@code versions/vNNNN/.claim} only if it does not exist (so two trainers never
 * write the same version), the staged files are copied in, and {@code metadata.json} is copied last: a
 * version exists for readers only once its metadata does. The lock is a 60-second lease on
 * {@code .lock}, renewed by nobody: an update of the aliases takes milliseconds, and a writer that died
 * holding it delays the next one by a minute at most. Versions never change, so a reader downloads one
 * once into a local cache.
 */
public final class AzureRegistryStorage implements RegistryStorage {
  private static final String CLAIM = ".claim";
  private static final String STARTED_MARKER = "_STARTED";
  private static final int LEASE_SECONDS = 60;
  private static final long LOCK_WAIT_MILLIS = 2 * 60_000;

  private final String location;
  private final String account;
  private final BlobContainerClient container;
  /** The registry's folder in the container: empty, or ending with '/'. */
  private final String prefix;
  private final Path cache;

  private AzureRegistryStorage(String location, String account, BlobContainerClient container, String prefix, Path cache) {
    this.location = location;
    this.account = account;
    this.container = container;
    this.prefix = prefix;
    this.cache = cache;
  }

  /**
   * The registry at {@code azfs://ACCOUNT/CONTAINER/path}, authenticated from the environment
   * ({@link AzureStorageAuth}); {@code blobEndpoint} overrides the account's endpoint (null: none).
   */
  public static AzureRegistryStorage of(String location, String blobEndpoint) {
    return of(location, AzureStorageAuth.fromEnvironment(System.getenv()), blobEndpoint);
  }

  /** The registry at {@code azfs://ACCOUNT/CONTAINER/path}, reached with {@code auth}. */
  public static AzureRegistryStorage of(String location, AzureStorageAuth auth, String blobEndpoint) {
    String normalized = OutputFolder.normalize(location);
    BlobLocation blob = BlobLocation.parse(normalized, "registry");
    BlobContainerClient container = auth.builder(blobEndpoint).buildClient().getBlobContainerClient(blob.container);
    Path cache = Path.of(System.getProperty("java.io.tmpdir"), "churn-registry-cache", sha256(normalized).substring(0, 16));
    return new AzureRegistryStorage(normalized, blob.account, container, blob.prefix, cache);
  }

  @Override
  public String location() {
    return location;
  }

  @Override
  public String newStaging() throws IOException {
    String staging = ModelRegistry.STAGING_PREFIX + UUID.randomUUID();
    // written now, so that a container that cannot be written fails before training starts
    azureDo(() -> blob(staging + "/" + STARTED_MARKER).upload(BinaryData.fromString(staging), true));
    return location + "/" + staging;
  }

  @Override
  public boolean publish(String staging, String version) throws IOException {
    String from = blobNameOf(staging) + "/";
    String folder = ModelRegistry.VERSIONS + "/" + version + "/";
    if (!createIfAbsent(folder + CLAIM)) {
      return false;
    }
    String to = prefix + folder;
    List<BlobItem> staged = list(from);
    BlobItem metadata = null;
    for (BlobItem file : staged) {
      String relative = file.getName().substring(from.length());
      if (relative.equals(ModelRegistry.METADATA)) {
        metadata = file;
      } else if (!relative.equals(STARTED_MARKER)) {
        copy(file.getName(), to + relative);
      }
    }
    if (metadata == null) {
      throw new IOException(staging + " has no " + ModelRegistry.METADATA + ": it is not a complete version");
    }
    copy(metadata.getName(), to + ModelRegistry.METADATA);
    discard(staging);
    return true;
  }

  @Override
  public void discard(String staging) throws IOException {
    for (BlobItem file : list(blobNameOf(staging) + "/")) {
      azure(() -> container.getBlobClient(file.getName()).deleteIfExists());
    }
  }

  @Override
  public List<String> versionNames() throws IOException {
    String versions = prefix + ModelRegistry.VERSIONS + "/";
    List<String> names = new ArrayList<>();
    for (BlobItem file : list(versions)) {
      String[] parts = file.getName().substring(versions.length()).split("/");
      if (parts.length == 2 && parts[1].equals(ModelRegistry.METADATA)) {
        names.add(parts[0]);
      }
    }
    return names;
  }

  @Override
  public Path localFolder(String version) throws IOException {
    String from = prefix + ModelRegistry.VERSIONS + "/" + version + "/";
    String metadataTag;
    try {
      metadataTag = azure(() -> container.getBlobClient(from + ModelRegistry.METADATA).getProperties().getETag());
    } catch (IOException e) {
      if (notFound(e)) {
        return null;
      }
      throw e;
    }
    // the metadata's ETag in the name: a registry deleted and created again at this place is not mistaken for this one
    Path folder = cache.resolve(version + "-" + sha256(metadataTag).substring(0, 12));
    if (Files.isDirectory(folder)) {
      return folder;
    }
    Path download = Files.createDirectories(cache.resolve(".download-" + UUID.randomUUID()));
    try {
      for (BlobItem file : list(from)) {
        String relative = file.getName().substring(from.length());
        if (!relative.equals(CLAIM)) {
          Path target = download.resolve(relative);
          Files.createDirectories(target.getParent());
          azureDo(() -> container.getBlobClient(file.getName()).downloadToFile(target.toString(), true));
        }
      }
      // false when another reader on this machine put the same files there first: they never change
      LocalFolders.moveIfAbsent(download, folder);
    } finally {
      LocalFolders.delete(download);
    }
    return folder;
  }

  @Override
  public byte[] read(String name) throws IOException {
    try {
      return azure(() -> blob(name).downloadContent().toBytes());
    } catch (IOException e) {
      if (notFound(e)) {
        return null;
      }
      throw e;
    }
  }

  @Override
  public void replace(String name, byte[] content) throws IOException {
    // a blob's new content becomes visible whole when the upload commits
    azureDo(() -> blob(name).upload(BinaryData.fromBytes(content), true));
  }

  @Override
  public void append(String name, byte[] content) throws IOException {
    if (content.length == 0) {
      return;
    }
    AppendBlobClient log = blob(name).getAppendBlobClient();
    azure(() -> {
      log.createIfNotExists();
      return log.appendBlock(new ByteArrayInputStream(content), content.length);
    });
  }

  @Override
  public <T> T locked(LockedAction<T> action) throws IOException {
    String lock = ".lock";
    createIfAbsent(lock);
    BlobLeaseClient lease = new BlobLeaseClientBuilder().blobClient(blob(lock)).buildClient();
    long deadline = System.currentTimeMillis() + LOCK_WAIT_MILLIS;
    while (true) {
      try {
        lease.acquireLease(LEASE_SECONDS);
        break;
      } catch (BlobStorageException e) {
        if (e.getStatusCode() != 409 || System.currentTimeMillis() > deadline) {
          throw new IOException("cannot take the lock " + location + "/" + lock + ": " + StorageErrors.describe(e), e);
        }
        sleep(100 + ThreadLocalRandom.current().nextInt(200));
      }
    }
    try {
      return action.run();
    } finally {
      azureDo(lease::releaseLease);
    }
  }

  /** Creates an empty blob unless one exists; true when this call created it. */
  private boolean createIfAbsent(String name) throws IOException {
    BlockBlobSimpleUploadOptions upload =
        new BlockBlobSimpleUploadOptions(BinaryData.fromBytes(new byte[0]))
            .setRequestConditions(new BlobRequestConditions().setIfNoneMatch("*"));
    try {
      azure(() -> blob(name).getBlockBlobClient().uploadWithResponse(upload, null, Context.NONE));
      return true;
    } catch (IOException e) {
      if (e.getCause() instanceof BlobStorageException && ((BlobStorageException) e.getCause()).getStatusCode() == 409) {
        return false;
      }
      throw e;
    }
  }

  private static boolean notFound(IOException e) {
    return e.getCause() instanceof BlobStorageException && ((BlobStorageException) e.getCause()).getStatusCode() == 404;
  }

  private void copy(String from, String to) throws IOException {
    byte[] content = azure(() -> container.getBlobClient(from).downloadContent().toBytes());
    azureDo(() -> container.getBlobClient(to).upload(BinaryData.fromBytes(content), true));
  }

  private List<BlobItem> list(String blobPrefix) throws IOException {
    return azure(() -> {
      List<BlobItem> items = new ArrayList<>();
      container.listBlobs(new ListBlobsOptions().setPrefix(blobPrefix), null).forEach(items::add);
      return items;
    });
  }

  private BlobClient blob(String name) {
    return container.getBlobClient(prefix + name);
  }

  /** The blob name of a location inside this registry. */
  private String blobNameOf(String inside) {
    if (!inside.startsWith(location + "/")) {
      throw new IllegalArgumentException(inside + " is not inside registry " + location);
    }
    return prefix + inside.substring(location.length() + 1);
  }

  /** Runs an Azure call; its failure becomes an IOException whose message names no secret. */
  private <T> T azure(Supplier<T> call) throws IOException {
    try {
      return call.get();
    } catch (BlobStorageException e) {
      throw new IOException("azfs://" + account + "/" + container.getBlobContainerName() + ": " + StorageErrors.describe(e), e);
    } catch (RuntimeException e) {
      throw new IOException(StorageErrors.describe(e), e);
    }
  }

  private void azureDo(Runnable call) throws IOException {
    azure(() -> {
      call.run();
      return null;
    });
  }

  private static void sleep(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the registry's lock", e);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
