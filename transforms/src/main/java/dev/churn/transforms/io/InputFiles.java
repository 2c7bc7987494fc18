package dev.churn.transforms.io;

import dev.churn.transforms.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.List;
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

  /** The first line of a file, or null when it is empty. */
  public static String firstLine(String location) throws IOException {
    try (BufferedReader reader = openText(location)) {
      String line = reader.readLine();
      return line == null ? null : stripBom(line);
    }
  }

  static String stripBom(String line) {
    return line.startsWith("\uFEFF") ? line.substring(1) : line;
  }
}
