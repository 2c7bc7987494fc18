package dev.churn.pipelines.storage;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.specialized.BlobLeaseClient;
import com.azure.storage.blob.specialized.BlobLeaseClientBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One writer at a time in an output folder, held for the whole run: the lock file {@value #NAME} in it,
 * locked by the operating system on a local folder (released when the process dies, however it dies),
 * and a {@value #LEASE_SECONDS}-second lease renewed every few seconds on a blob folder (a writer that
 * died frees it within that time). A second writer waits for it, up to a limit.
 */
public abstract class FolderLock implements AutoCloseable {
  public static final String NAME = ".churn.lock";
  static final int LEASE_SECONDS = 15;
  static final Duration WAIT = Duration.ofSeconds(LEASE_SECONDS * 2);

  /** Takes the lock of {@code folder} (a normalized location), waiting up to {@link #WAIT}. */
  static FolderLock acquire(String folder, String blobEndpoint) throws IOException {
    return OutputFolder.isUri(folder) ? new Lease(folder, blobEndpoint) : new Local(folder);
  }

  /** Fails when the lock was lost (a lease that could not be renewed in time): the run must not publish. */
  abstract void check() throws IOException;

  @Override
  public abstract void close() throws IOException;

  private static String owner() {
    return "pid " + ProcessHandle.current().pid() + " on " + hostName() + " since " + Instant.now();
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "an unknown host";
    }
  }

  private static void pause() throws IOException {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the output folder's lock", e);
    }
  }

  static IOException busy(String folder, String holder) {
    return new IOException("output " + folder + " is being written by another churn run (" + holder + "); still busy after "
        + WAIT.toSeconds() + " s: try again when it has ended");
  }

  /** A lock file locked by the operating system. */
  private static final class Local extends FolderLock {
    private final FileChannel channel;
    private final FileLock lock;

    Local(String folder) throws IOException {
      Path file = Path.of(folder, NAME);
      Files.createDirectories(file.getParent());
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
      long deadline = System.nanoTime() + WAIT.toNanos();
      FileLock taken = channel.tryLock();
      while (taken == null && System.nanoTime() < deadline) {
        pause();
        taken = channel.tryLock();
      }
      if (taken == null) {
        String holder = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
        channel.close();
        throw busy(folder, holder.isEmpty() ? "unknown" : holder);
      }
      lock = taken;
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(owner().getBytes(StandardCharsets.UTF_8)), 0);
    }

    @Override
    void check() {}

    @Override
    public void close() throws IOException {
      try {
        lock.release();
      } finally {
        channel.close();
      }
    }
  }

  /** A renewed lease on the lock blob. */
  private static final class Lease extends FolderLock {
    private final String folder;
    private final BlobLeaseClient lease;
    private final ScheduledExecutorService renewer;
    private volatile IOException lost;

    Lease(String folder, String blobEndpoint) throws IOException {
      this.folder = folder;
      BlobLocation location = BlobLocation.parse(folder, "output");
      BlobClient blob = location.client(blobEndpoint).getBlobClient(location.prefix + NAME);
      try {
        if (!blob.exists()) {
          blob.upload(BinaryData.fromString(owner()), true);
        }
      } catch (BlobStorageException e) {
        if (e.getStatusCode() != 412 && e.getStatusCode() != 409) { // another writer made it meanwhile
          throw new IOException("output " + folder + ": " + StorageErrors.describe(e), e);
        }
      }
      lease = new BlobLeaseClientBuilder().blobClient(blob).buildClient();
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (true) {
        try {
          lease.acquireLease(LEASE_SECONDS);
          break;
        } catch (BlobStorageException e) {
          if (e.getStatusCode() != 409) {
            throw new IOException("output " + folder + ": cannot take its lock: " + StorageErrors.describe(e), e);
          }
          if (System.nanoTime() > deadline) {
            throw busy(folder, "it holds the lease on " + NAME);
          }
          pause();
        }
      }
      renewer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "churn-output-lease");
        thread.setDaemon(true);
        return thread;
      });
      renewer.scheduleWithFixedDelay(this::renew, LEASE_SECONDS / 3, LEASE_SECONDS / 3, TimeUnit.SECONDS);
    }

    private void renew() {
      try {
        lease.renewLease();
      } catch (RuntimeException e) {
        lost = new IOException("output " + folder + ": lost the lease on " + NAME + " (" + StorageErrors.describe(e) + ")", e);
      }
    }

    @Override
    void check() throws IOException {
      if (lost != null) {
        throw lost;
      }
      try {
        lease.renewLease();
      } catch (RuntimeException e) {
        throw new IOException("output " + folder + ": lost the lease on " + NAME + " (" + StorageErrors.describe(e) + ")", e);
      }
    }

    @Override
    public void close() {
      renewer.shutdownNow();
      try {
        lease.releaseLease();
      } catch (RuntimeException e) {
        // the lease ends by itself within LEASE_SECONDS
      }
    }
  }
}
