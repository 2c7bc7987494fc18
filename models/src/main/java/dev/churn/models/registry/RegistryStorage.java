package dev.churn.models.registry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a {@link ModelRegistry} keeps its files: a local folder ({@link LocalRegistryStorage}) or a
 * blob container. Names are relative to the registry and separated by {@code /}. The storage provides
 * the steps that must be atomic; the registry's logic is the same on every storage.
 */
public interface RegistryStorage {
  /** The registry's location as the user gave it: a folder, or a URI such as {@code azfs://...}. */
  String location();

  /**
   * Creates an empty staging area for a version and returns its location, which Beam's file systems
   * can write (training writes the models there from its workers).
   */
  String newStaging() throws IOException;

  /**
   * Publishes a complete staging area as {@code version} so that readers see all of it or nothing;
   * returns false, changing nothing, when that version name is already taken.
   */
  boolean publish(String staging, String version) throws IOException;

  /** Removes a staging area and everything in it. */
  void discard(String staging) throws IOException;

  /** The names of the published versions, in no particular order. */
  List<String> versionNames() throws IOException;

  /**
   * A local folder holding a published version's files (the version itself, or a copy of it: versions
   * never change); null when there is no such version.
   */
  Path localFolder(String version) throws IOException;

  /** A small file's bytes; null when it does not exist. */
  byte[] read(String name) throws IOException;

  /** Replaces a small file whole: a reader sees the old content or the new one. */
  void replace(String name, byte[] content) throws IOException;

  /** Appends to a file, creating it if needed. */
  void append(String name, byte[] content) throws IOException;

  /** Runs {@code action} while holding the registry's lock, which one writer at a time can hold. */
  <T> T locked(LockedAction<T> action) throws IOException;

  /** An action run under the registry's lock. */
  @FunctionalInterface
  interface LockedAction<T> {
    T run() throws IOException;
  }
}
