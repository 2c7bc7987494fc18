package dev.churn.pipelines.storage;

import dev.churn.models.registry.Json;
import dev.churn.transforms.InvalidInputException;
import dev.churn.transforms.Progress;
import dev.churn.transforms.io.LocalFolders;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * An output folder, local or {@code azfs://ACCOUNT/CONTAINER/path}, that runs publish into without ever
 * touching a file they did not write, and that a reader always sees holding complete runs.
 *
 * <p>A run ({@link #begin}) takes the folder's {@link FolderLock}, finishes or cleans what an
 * interrupted run left, and writes into a staging folder of its own, {@code .staging-ID}. Publishing
 * ({@link Run#publish}) then goes in steps that a crash can stop at any point:
 *
 * <ol>
 *   <li>{@code _READY} is written into the staging folder: the run is complete;
 *   <li>the table written with the files, if any, commits the run in one transaction ({@link Companion});
 *   <li>the staged files move to their places in the folder; their names hold the publication's id, so
 *       they replace nothing and no reader sees them yet;
 *   <li>the {@link OutputManifest} is replaced in one step: from now on readers see the new run (and no
 *       longer the one it replaces);
 *   <li>the replaced publication's files, which the manifest lists, are removed, then the staging folder.
 * </ol>
 *
 * A crash before step 1 leaves a staging folder that the next run removes; from step 1 on, the next run
 * finishes the publication (a table it cannot reach, because it writes to none or another, is left as it
 * is, with a warning, so nothing is lost). Files in the folder that no manifest lists are never removed.
 */
public final class OutputFolder {
  static final String STAGING_PREFIX = ".staging-";
  static final String STARTED = "_STARTED";
  static final String READY = "_READY";

  private final String folder;
  private final String blobEndpoint;

  private OutputFolder(String folder, String blobEndpoint) {
    this.folder = folder;
    this.blobEndpoint = blobEndpoint;
  }

  /** @param blobEndpoint {@code --azure-blob-endpoint} for azfs:// folders (null: the account's) */
  public static OutputFolder at(String location, String blobEndpoint) {
    return new OutputFolder(normalize(location), blobEndpoint);
  }

  /** A local path made absolute; a URI ({@code azfs://...}) as given, without a trailing slash. */
  public static String normalize(String location) {
    if (isUri(location)) {
      return location.replaceAll("/+$", "");
    }
    return Path.of(location).toAbsolutePath().normalize().toString();
  }

  public static boolean isUri(String location) {
    return location.matches("[a-zA-Z][a-zA-Z0-9+.-]*://.*");
  }

  public String folder() {
    return folder;
  }

  /** A path inside the folder, such as {@code scores-*.csv}. */
  public String resolve(String relative) {
    return folder + "/" + relative;
  }

  /** The folder's manifest, or null when nothing was published here (or the folder does not exist). */
  public OutputManifest manifest() {
    try {
      return OutputManifest.read(folder);
    } catch (IOException e) {
      throw new InvalidInputException("output " + folder + ": " + StorageErrors.describe(e), e);
    }
  }

  /**
   * The part of a run published outside the folder, with its files: a database table. It must be able
   * to commit a staged run more than once (the second time finds nothing left to do).
   */
  public interface Companion {
    /** Where it writes, without credentials: a publication it did not stage is finished only by the same place. */
    String describe();

    /** Makes the staged rows of {@code publication} the rows of its run, all at once. */
    void commit(Publication publication) throws IOException;

    /** Drops what a run that will never be published staged. */
    void discard(String publicationId) throws IOException;
  }

  /**
   * Starts a run: takes the lock, finishes or removes what interrupted runs left, and creates the run's
   * staging folder (failing here, before any work, when the folder cannot be written).
   *
   * @param companion the table written with the files, or null
   */
  public Run begin(String runId, Companion companion) {
    FolderLock lock = null;
    try {
      boolean existed = exists();
      lock = FolderLock.acquire(folder, blobEndpoint);
      recover(companion);
      String id = runId + "." + UUID.randomUUID().toString().substring(0, 6);
      Run run = new Run(lock, id, runId, companion, existed);
      write(run.staging + "/" + STARTED, (id + (companion == null ? "" : "\n" + companion.describe())).getBytes(StandardCharsets.UTF_8));
      return run;
    } catch (IOException | RuntimeException e) {
      closeQuietly(lock);
      if (e instanceof InvalidInputException) {
        throw (InvalidInputException) e;
      }
      throw new InvalidInputException("output " + folder + " cannot be written: " + StorageErrors.describe(e), e);
    }
  }

  /** One run writing into the folder, holding its lock until closed. */
  public final class Run implements AutoCloseable {
    private final FolderLock lock;
    private final String id;
    private final String runId;
    private final String staging;
    private final Companion companion;
    private final boolean folderExisted;
    private boolean published;

    private Run(FolderLock lock, String id, String runId, Companion companion, boolean folderExisted) {
      this.lock = lock;
      this.id = id;
      this.runId = runId;
      this.staging = folder + "/" + STAGING_PREFIX + id;
      this.companion = companion;
      this.folderExisted = folderExisted;
    }

    /** The publication's id: the run id and a random part; its files' names hold it. */
    public String id() {
      return id;
    }

    public String runId() {
      return runId;
    }

    /** Where the run writes its files, at the places they will have in the folder. */
    public String staging() {
      return staging;
    }

    /**
     * The files matching {@code pattern} (relative to the folder) that no publication of churn lists: a
     * user's files that look like outputs, which are never touched.
     */
    public List<String> foreignFiles(String pattern) {
      try {
        Set<String> owned = files(manifestOrEmpty().publications);
        return match(folder + "/" + pattern).stream().map(ResourceId::toString).filter(file -> !owned.contains(file)).collect(Collectors.toList());
      } catch (IOException e) {
        throw new InvalidInputException("output " + folder + " cannot be read: " + StorageErrors.describe(e), e);
      }
    }

    /**
     * Refuses, before any work, to replace files of these names (relative to the folder) that exist but
     * that churn did not write.
     */
    public void requireReplaceable(List<String> names) {
      try {
        Set<String> owned = files(manifestOrEmpty().publications);
        for (String name : names) {
          String file = FileSystems.matchNewResource(folder + "/" + name, false).toString();
          if (exists(file) && !owned.contains(file)) {
            throw new InvalidInputException("output " + folder + " holds " + name + ", which churn did not write: it is left as it is;"
                + " give another --output, or move that file away");
          }
        }
      } catch (IOException e) {
        throw new InvalidInputException("output " + folder + " cannot be read: " + StorageErrors.describe(e), e);
      }
    }

    /** Publishes the staged files that {@code publication}'s patterns match (and commits the companion). */
    public void publish(Publication publication) {
      if (!publication.id.equals(id)) {
        throw new IllegalArgumentException("publication " + publication.id + " is not run " + id);
      }
      try {
        KillPoint.reach("pipeline-done");
        lock.check();
        publication.publishedAt = Instant.now().toString();
        publication.table = companion == null ? null : companion.describe();
        write(staging + "/" + READY, Json.MAPPER.writeValueAsBytes(publication));
        KillPoint.reach("ready");
        if (companion != null) {
          companion.commit(publication);
        }
        KillPoint.reach("table-committed");
        finish(publication);
        published = true;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot publish run " + runId + " in " + folder + ": " + StorageErrors.describe(e), e);
      }
    }

    /**
     * Ends the run. Unpublished, it leaves nothing behind: its staging folder and staged rows go, and so
     * does the folder itself when this run created it.
     */
    @Override
    public void close() {
      try {
        if (!published) {
          discard(staging);
          if (companion != null) {
            companion.discard(id);
          }
          if (!folderExisted) {
            removeIfOnlyTheLock();
          }
        }
      } catch (IOException e) {
        Progress.say("warning: cannot remove " + staging + ": " + StorageErrors.describe(e));
      } finally {
        closeQuietly(lock);
      }
    }

    private void removeIfOnlyTheLock() throws IOException {
      List<ResourceId> left = match(folder + "/*");
      left.removeIf(file -> file.getFilename().equals(FolderLock.NAME));
      if (!left.isEmpty() || exists(folder + "/" + OutputManifest.NAME)) {
        return;
      }
      closeQuietly(lock);
      delete(List.of(FileSystems.matchNewResource(folder + "/" + FolderLock.NAME, false)));
      if (!isUri(folder)) {
        try {
          Files.deleteIfExists(Path.of(folder));
        } catch (IOException notEmptyAfterAll) {
          // another run started writing here meanwhile
        }
      }
    }
  }

  /** Finishes a publication whose run is complete (and whose table, if any, is committed). */
  private void finish(Publication publication) throws IOException {
    String staging = folder + "/" + STAGING_PREFIX + publication.id;
    OutputManifest manifest = manifestOrEmpty();
    Set<String> owned = null;
    boolean first = true;
    for (String pattern : publication.files.values()) {
      for (ResourceId staged : match(staging + "/" + pattern)) {
        String relative = staged.toString().substring(FileSystems.matchNewResource(staging, true).toString().length());
        ResourceId target = FileSystems.matchNewResource(folder + "/" + relative, false);
        if (exists(target.toString())) {
          owned = owned == null ? files(manifest.publications) : owned;
          if (!owned.contains(target.toString())) {
            throw new IOException(folder + "/" + relative + " exists and was not written by churn: it is left as it is, and this run stays staged in "
                + staging + "; move that file away and run again");
          }
        }
        FileSystems.rename(List.of(staged), List.of(target));
        if (first) {
          KillPoint.reach("first-file-moved");
          first = false;
        }
      }
    }
    KillPoint.reach("files-moved");
    if (manifest.publication(publication.id) == null) {
      manifest = manifest.with(publication);
      manifest.write(folder);
    }
    KillPoint.reach("manifest-written");
    removeSuperseded(manifest);
    KillPoint.reach("superseded-removed");
    discard(staging);
  }

  /** Removes the files of the superseded publications that no current one lists, then forgets them. */
  private void removeSuperseded(OutputManifest manifest) throws IOException {
    if (manifest.superseded.isEmpty()) {
      return;
    }
    Set<String> current = files(manifest.publications);
    List<ResourceId> old = new ArrayList<>();
    for (ResourceId file : resources(manifest.superseded)) {
      if (!current.contains(file.toString())) {
        old.add(file);
      }
    }
    delete(old);
    manifest.superseded.clear();
    manifest.write(folder);
  }

  /**
   * What interrupted runs left: superseded files not yet removed, and staging folders. A staged run that
   * was complete is published (its table committed first, when this run writes to the same one); an
   * incomplete one is removed.
   */
  private void recover(Companion companion) throws IOException {
    OutputManifest manifest = OutputManifest.read(folder);
    if (manifest != null) {
      removeSuperseded(manifest);
    }
    for (ResourceId started : match(folder + "/" + STAGING_PREFIX + "*/" + STARTED)) {
      String staging = started.getCurrentDirectory().toString().replaceAll("/$", "");
      String id = staging.substring(staging.lastIndexOf('/') + 1 + STAGING_PREFIX.length());
      byte[] ready = read(staging + "/" + READY);
      if (ready == null) {
        byte[] marker = read(started.toString());
        String stagedFor = marker == null ? "" : new String(marker, StandardCharsets.UTF_8);
        discard(staging);
        if (companion != null && stagedFor.endsWith("\n" + companion.describe())) {
          companion.discard(id);
        }
        Progress.say("removed " + staging + ", left by a run that did not end");
        continue;
      }
      Publication publication = Json.MAPPER.readValue(ready, Publication.class);
      if (publication.table != null && (companion == null || !publication.table.equals(companion.describe()))) {
        Progress.say("warning: run " + publication.runId + " in " + staging + " was interrupted while publishing to " + publication.table
            + "; it is left as it is: run again with that table to finish it");
        continue;
      }
      if (publication.table != null) {
        companion.commit(publication);
      }
      finish(publication);
      Progress.say("finished publishing run " + publication.runId + " (" + publication.id + "), left by a run that was interrupted");
    }
  }

  private OutputManifest manifestOrEmpty() throws IOException {
    OutputManifest manifest = OutputManifest.read(folder);
    return manifest == null ? new OutputManifest() : manifest;
  }

  /** The files of publications, as full names. */
  private Set<String> files(List<Publication> publications) throws IOException {
    return resources(publications).stream().map(ResourceId::toString).collect(Collectors.toCollection(HashSet::new));
  }

  private List<ResourceId> resources(List<Publication> publications) throws IOException {
    List<ResourceId> files = new ArrayList<>();
    for (Publication publication : publications) {
      for (String pattern : publication.files.values()) {
        files.addAll(match(folder + "/" + pattern));
      }
    }
    return files;
  }

  private boolean exists() throws IOException {
    return isUri(folder) ? !match(folder + "/*").isEmpty() : Files.exists(Path.of(folder));
  }

  private static boolean exists(String file) throws IOException {
    return !match(file).isEmpty();
  }

  private static void write(String file, byte[] content) throws IOException {
    ResourceId target = FileSystems.matchNewResource(file, false);
    try (OutputStream out = Channels.newOutputStream(FileSystems.create(target, MimeTypes.TEXT))) {
      out.write(content);
    }
  }

  /** A whole small file, or null when it does not exist. */
  private static byte[] read(String file) throws IOException {
    List<ResourceId> found = match(file);
    if (found.isEmpty()) {
      return null;
    }
    try (InputStream in = Channels.newInputStream(FileSystems.open(found.get(0)))) {
      return in.readAllBytes();
    }
  }

  /** Removes a staging folder and all in it. */
  private static void discard(String staging) throws IOException {
    if (!isUri(staging)) {
      LocalFolders.delete(Path.of(staging));
      return;
    }
    delete(match(staging + "/**"));
  }

  private static void delete(List<ResourceId> files) throws IOException {
    if (!files.isEmpty()) {
      FileSystems.delete(files, StandardMoveOptions.IGNORE_MISSING_FILES);
    }
  }

  static List<ResourceId> match(String pattern) throws IOException {
    MatchResult result = FileSystems.match(pattern, EmptyMatchTreatment.ALLOW);
    if (result.status() == MatchResult.Status.NOT_FOUND) {
      return new ArrayList<>();
    }
    return result.metadata().stream()
        .map(MatchResult.Metadata::resourceId)
        .sorted((a, b) -> a.toString().compareTo(b.toString()))
        .collect(Collectors.toCollection(ArrayList::new));
  }

  private static void closeQuietly(FolderLock lock) {
    if (lock == null) {
      return;
    }
    try {
      lock.close();
    } catch (IOException | RuntimeException e) {
      // released by the operating system or when the lease ends
    }
  }
}
