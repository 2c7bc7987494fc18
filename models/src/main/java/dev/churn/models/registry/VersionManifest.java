package dev.churn.models.registry;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.churn.transforms.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code manifest.json} of a published version: the SHA-256 of every file it holds ({@code metadata.json}
 * and its thresholds included), written last before the version is published and checked each time
 * the version is loaded, so that a version whose files changed afterwards (a flipped byte, an edited
 * threshold, a file replaced) is refused rather than scored with.
 */
public final class VersionManifest {
  public static final String FILE = "manifest.json";

  @JsonProperty public String algorithm = "SHA-256";
  /** File path inside the version folder to its SHA-256, in hex. */
  @JsonProperty public Map<String, String> files = new TreeMap<>();

  /** The SHA-256 of a stream's bytes, in hex; the stream is read to its end and closed. */
  public static String sha256(InputStream bytes) throws IOException {
    try (InputStream in = new DigestInputStream(bytes, digest())) {
      byte[] buffer = new byte[1 << 16];
      while (in.read(buffer) >= 0) {
        // reading feeds the digest
      }
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    }
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Checks the files of version folder {@code folder} against its manifest; returns false when it has
   * none (a version written before manifests). A changed or missing file is a user error naming it.
   */
  static boolean verify(Path folder, String version, String registry) {
    Path manifestFile = folder.resolve(FILE);
    if (!Files.exists(manifestFile)) {
      return false;
    }
    String where = "model version " + version + " of registry " + registry;
    VersionManifest manifest;
    try {
      manifest = Json.MAPPER.readValue(manifestFile.toFile(), VersionManifest.class);
    } catch (IOException e) {
      throw new InvalidInputException(where + ": its " + FILE + " cannot be read (" + e.getMessage().lines().findFirst().orElse("") + "): the version cannot be verified");
    }
    for (Map.Entry<String, String> file : manifest.files.entrySet()) {
      Path path = folder.resolve(file.getKey()).normalize();
      if (!path.startsWith(folder) || !Files.isRegularFile(path)) {
        throw new InvalidInputException(where + ": " + file.getKey() + ", listed in its " + FILE + ", is missing");
      }
      String actual;
      try {
        actual = sha256(Files.newInputStream(path));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
      }
      if (!actual.equals(file.getValue())) {
        throw new InvalidInputException(where + ": " + file.getKey() + " has changed since the version was published (its SHA-256 is "
            + actual.substring(0, 12) + "..., the manifest's " + file.getValue().substring(0, Math.min(12, file.getValue().length()))
            + "...): restore the file, or train a new version");
      }
    }
    return true;
  }
}
