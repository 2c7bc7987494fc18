package dev.churn.pipelines.storage;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.common.StorageSharedKeyCredential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/** Azurite, Microsoft's Azure Storage emulator, as {@code .ci/run} starts it: a container per test class. */
public final class Azurite {
  public static final String ACCOUNT = "devstoreaccount1";
  /** Azurite's fixed development key, published by Microsoft; not a real secret, but treated as one. */
  public static final String KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
  public static final String ENDPOINT = System.getenv().getOrDefault("AZURITE_BLOB_ENDPOINT", "http://127.0.0.1:10000/" + ACCOUNT);
  public static final String CONNECTION_STRING =
      "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY + ";BlobEndpoint=" + ENDPOINT + ";";

  public final BlobServiceClient service;
  public final BlobContainerClient container;

  private Azurite(BlobServiceClient service, BlobContainerClient container) {
    this.service = service;
    this.container = container;
  }

  /** A new container with a random name; fails with what to do when Azurite is not running. */
  public static Azurite newContainer() {
    BlobServiceClient service =
        new BlobServiceClientBuilder().endpoint(ENDPOINT).credential(new StorageSharedKeyCredential(ACCOUNT, KEY)).buildClient();
    BlobContainerClient container = service.getBlobContainerClient("churn-it-" + UUID.randomUUID().toString().substring(0, 8));
    try {
      container.create();
    } catch (RuntimeException e) {
      throw new AssertionError("Azurite is not reachable at " + ENDPOINT + " (.ci/run starts it; see README): " + e.getMessage(), e);
    }
    return new Azurite(service, container);
  }

  /** {@code azfs://ACCOUNT/CONTAINER/folder}. */
  public String azfs(String folder) {
    return "azfs://" + ACCOUNT + "/" + container.getBlobContainerName() + "/" + folder;
  }

  public List<String> blobNames(String prefix) {
    List<String> names = new ArrayList<>();
    for (BlobItem item : container.listBlobs(new ListBlobsOptions().setPrefix(prefix), null)) {
      names.add(item.getName());
    }
    return names;
  }

  /** The text of every blob under the prefix whose name ends with the suffix, by name. */
  public Map<String, String> texts(String prefix, String suffix) {
    Map<String, String> texts = new TreeMap<>();
    for (String name : blobNames(prefix)) {
      if (name.endsWith(suffix)) {
        texts.put(name, container.getBlobClient(name).downloadContent().toString());
      }
    }
    return texts;
  }

  /** Uploads a local folder's files under {@code prefix/}, keeping their relative paths. */
  public void upload(Path folder, String prefix) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String relative = folder.relativize(file).toString().replace('\\', '/');
        container.getBlobClient(prefix + "/" + relative).uploadFromFile(file.toString(), true);
      }
    }
  }

  public void delete() {
    container.deleteIfExists();
  }
}
