package dev.churn.models.registry;

import dev.churn.transforms.io.LocalFolders;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A registry in a local (or mounted) folder: a version is staged in a hidden folder inside it and
 * published by one atomic rename; small files are replaced by an atomic rename; the lock is a file lock
 * (other processes) with a lock per folder (threads of this process).
 */
public final class LocalRegistryStorage implements RegistryStorage {
  private static final String LOCK = ".lock";
  private static final Map<Path, ReentrantLock> LOCKS_IN_THIS_PROCESS = new ConcurrentHashMap<>();

  private final Path root;

  public LocalRegistryStorage(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public String location() {
    return root.toString();
  }

  @Override
  public String newStaging() throws IOException {
    // inside the registry, on the same file system, so that publishing is a rename
    return Files.createDirectories(root.resolve(ModelRegistry.STAGING_PREFIX + UUID.randomUUID())).toString();
  }

  @Override
  public boolean publish(String staging, String version) throws IOException {
    Path versions = Files.createDirectories(root.resolve(ModelRegistry.VERSIONS));
    return LocalFolders.moveIfAbsent(Path.of(staging), versions.resolve(version));
  }

  @Override
  public void discard(String staging) {
    LocalFolders.delete(Path.of(staging));
  }

  @Override
  public List<String> versionNames() throws IOException {
    Path folder = root.resolve(ModelRegistry.VERSIONS);
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.map(p -> p.getFileName().toString()).collect(Collectors.toList());
    }
  }

  @Override
  public Path localFolder(String version) {
    Path folder = root.resolve(ModelRegistry.VERSIONS).resolve(version);
    return Files.isDirectory(folder) ? folder : null;
  }

  @Override
  public byte[] read(String name) throws IOException {
    Path file = root.resolve(name);
    return Files.exists(file) ? Files.readAllBytes(file) : null;
  }

  @Override
  public void replace(String name, byte[] content) throws IOException {
    Path temporary = root.resolve(name + ".tmp");
    Files.write(temporary, content);
    Files.move(temporary, root.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void append(String name, byte[] content) throws IOException {
    Files.write(root.resolve(name), content, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Override
  public <T> T locked(LockedAction<T> action) throws IOException {
    Files.createDirectories(root);
    // a file lock excludes other processes only: threads of this one take a lock of their own first
    ReentrantLock inThisProcess = LOCKS_IN_THIS_PROCESS.computeIfAbsent(root, r -> new ReentrantLock());
    inThisProcess.lock();
    try (FileChannel channel = FileChannel.open(root.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock ignored = channel.lock()) {
      return action.run();
    } finally {
      inThisProcess.unlock();
    }
  }
}
