package dev.churn.transforms.io;

import dev.churn.transforms.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * Opens input files through Beam's file systems (local paths, and any scheme registered, such as
 * azfs://), plus {@code classpath:} resources for the files shipped in the jar.
 */
public final class InputFiles {
  private static final String CLASSPATH = "classpath:";

  private InputFiles() {}

  /** The files a path or glob names; a pattern that matches nothing is a user error. */
  public static List<String> match(String what, String pattern) {
    if (isMissingLocalFile(pattern)) {
      throw new InvalidInputException(what + " file " + pattern + " does not exist");
    }
    try {
      MatchResult result = FileSystems.match(pattern, EmptyMatchTreatment.ALLOW);
      List<String> files =
          result.status() == MatchResult.Status.NOT_FOUND
              ? List.of()
              : result.metadata().stream()
                  .map(m -> m.resourceId().toString())
                  .sorted()
                  .collect(Collectors.toList());
      if (files.isEmpty()) {
        throw new InvalidInputException(what + " file " + pattern + " does not exist");
      }
      return files;
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidInputException(what + " file " + pattern + " cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * A local path without wildcards that does not exist. Beam's local file system answers such a path
   * by walking every file below its parent folder, which for {@code /missing.csv} is the whole disk.
   */
  private static boolean isMissingLocalFile(String pattern) {
    if (FileSystems.hasGlobWildcard(pattern) || pattern.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*") && !pattern.startsWith("file:")) {
      return false;
    }
    try {
      Path path = pattern.startsWith("file:") ? Path.of(URI.create(pattern)) : Path.of(pattern);
      return !Files.exists(path);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  public static InputStream open(String location) throws IOException {
    if (location.startsWith(CLASSPATH)) {
      String resource = location.substring(CLASSPATH.length());
      InputStream in = InputFiles.class.getClassLoader().getResourceAsStream(resource);
      if (in == null) {
        throw new IOException("no resource " + resource + " on the classpath");
      }
      return in;
    }
    return Channels.newInputStream(
        FileSystems.open(FileSystems.matchSingleFileSpec(location).resourceId()));
  }

  public static BufferedReader openText(String location) throws IOException {
    return new BufferedReader(new InputStreamReader(open(location), StandardCharsets.UTF_8));
  }

  /** The longest first line read: a header longer than this is not a CSV header. */
  static final int MAX_HEADER_BYTES = 1 << 20;

  /**
   * The first line of a text file, strictly decoded as UTF-8 without its byte-order mark, or null when
   * the file is empty. A file that is not UTF-8 text (compressed, UTF-16, binary) fails with a message
   * that says what it looks like.
   */
  public static String firstLine(String location) throws IOException {
    byte[] head;
    try (InputStream in = open(location)) {
      head = in.readNBytes(MAX_HEADER_BYTES + 1);
    }
    if (head.length == 0) {
      return null;
    }
    String kind = FileKind.describe(head);
    if (kind != null) {
      throw new IOException(kind);
    }
    int end = 0;
    while (end < head.length && head[end] != '\n') {
      end++;
    }
    if (end > MAX_HEADER_BYTES) {
      throw new IOException("its first line is longer than " + (MAX_HEADER_BYTES >> 20) + " MiB: it is not a CSV header");
    }
    int length = end > 0 && head[end - 1] == '\r' ? end - 1 : end;
    int invalid = Utf8.firstInvalidByte(head, 0, length);
    if (invalid >= 0) {
      throw new IOException(String.format(
          "line 1 is not valid UTF-8 (byte 0x%02X at byte %d): save the file as UTF-8 (it may be Latin-1 or Windows-1252)", head[invalid] & 0xFF, invalid + 1));
    }
    return stripBom(new String(head, 0, length, StandardCharsets.UTF_8));
  }

  /** Refuses a file that is not UTF-8 text (compressed, UTF-16, binary), saying what it looks like. */
  public static void requireText(String what, String file) {
    try (InputStream in = open(file)) {
      String kind = FileKind.describe(in.readNBytes(4096));
      if (kind != null) {
        throw new InvalidInputException(what + " file " + file + " cannot be read: " + kind);
      }
    } catch (IOException e) {
      throw new InvalidInputException(what + " file " + file + " cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * The column names of a CSV file's header line (trimmed); refuses a header that is not comma
   * separated or that names a column twice, since either would silently mix up the columns.
   *
   * @param what the kind of file, for messages ({@code customers}, {@code labels})
   */
  public static List<String> csvHeader(String what, String file) {
    String line;
    try {
      line = firstLine(file);
    } catch (IOException e) {
      throw new InvalidInputException(what + " file " + file + " cannot be read: " + e.getMessage(), e);
    }
    if (line == null || line.isBlank()) {
      throw new InvalidInputException(what + " file " + file + " is empty: expected a header line");
    }
    List<String> names;
    try {
      names = CsvLine.split(line).stream().map(String::trim).collect(Collectors.toList());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(what + " file " + file + ": the header line has an unterminated quote");
    }
    if (names.size() == 1) {
      for (String separator : new String[] {"\t", ";", "|"}) {
        if (line.contains(separator)) {
          throw new InvalidInputException(what + " file " + file + ": the header is separated by "
              + (separator.equals("\t") ? "tabs" : "'" + separator + "'") + ", not commas: churn reads comma-separated files");
        }
      }
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < names.size(); i++) {
      if (!seen.add(names.get(i))) {
        throw new InvalidInputException(what + " file " + file + ": the header names column '" + Text.abbreviate(names.get(i), 64)
            + "' twice (columns " + (names.indexOf(names.get(i)) + 1) + " and " + (i + 1) + ")");
      }
    }
    return names;
  }

  static String stripBom(String line) {
    return line.startsWith("\uFEFF") ? line.substring(1) : line;
  }
}
