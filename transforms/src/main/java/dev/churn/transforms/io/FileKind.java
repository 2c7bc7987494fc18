package dev.churn.transforms.io;

/** Recognises files that are not UTF-8 text from their first bytes, to say what they are instead. */
final class FileKind {
  private FileKind() {}

  /** What the file looks like when it is not UTF-8 text (a phrase for a message), or null. */
  static String describe(byte[] head) {
    if (startsWith(head, 0x1F, 0x8B)) {
      return "it is gzip-compressed: decompress it first (gunzip)";
    }
    if (startsWith(head, 'P', 'K', 0x03, 0x04)) {
      return "it is a zip archive: extract the CSV file from it first";
    }
    if (startsWith(head, 'P', 'A', 'R', '1')) {
      return "it is a Parquet file: churn reads CSV here";
    }
    if (startsWith(head, 0xFF, 0xFE) || startsWith(head, 0xFE, 0xFF)) {
      return "it is UTF-16 text (byte-order mark " + hex(head[0]) + " " + hex(head[1]) + "): save it as UTF-8";
    }
    int scanned = Math.min(head.length, 4096);
    for (int i = 0; i < scanned; i++) {
      if (head[i] == 0) {
        return "it holds NUL bytes (at byte " + (i + 1) + "): it looks like UTF-16 without a byte-order mark or a binary file; save it as UTF-8 text";
      }
    }
    return null;
  }

  private static boolean startsWith(byte[] head, int... bytes) {
    if (head.length < bytes.length) {
      return false;
    }
    for (int i = 0; i < bytes.length; i++) {
      if ((head[i] & 0xFF) != bytes[i]) {
        return false;
      }
    }
    return true;
  }

  private static String hex(byte b) {
    return String.format("%02X", b & 0xFF);
  }
}
