package dev.churn.pipelines.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;

/** Writes whole files into a staging folder through Beam's file systems; a retry overwrites. */
public final class StagedFiles {
  private StagedFiles() {}

  public static void write(String folder, String relativePath, byte[] content) throws IOException {
    ResourceId target = FileSystems.matchNewResource(folder + "/" + relativePath, false);
    try (OutputStream out = Channels.newOutputStream(FileSystems.create(target, "application/octet-stream"))) {
      out.write(content);
    }
  }

  /** A file name for a segment: readable, and unique through a short hash of the exact name. */
  public static String fileNameOf(String segment) {
    String readable = segment.replaceAll("[^A-Za-z0-9._-]", "_");
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(segment.getBytes(StandardCharsets.UTF_8));
      return (readable.isEmpty() ? "segment" : readable) + "-" + HexFormat.of().formatHex(hash, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
