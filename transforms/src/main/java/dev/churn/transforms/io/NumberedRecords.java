package dev.churn.transforms.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * The records of a text file, each with the number of the line it starts on (line 1 is the first).
 * Lines end with LF or CR LF; a UTF-8 byte-order mark is dropped; blank lines are skipped. Decoding is
 * strict: a line that is not valid UTF-8 is returned with its {@link SourceLine#problem() problem}
 * (and its text decoded with replacement characters, for the dead letters), never silently altered.
 *
 * <p>In CSV mode a quoted field may hold line breaks (RFC 4180), so a record spans lines until its quotes
 * close. A record still open after {@value #MAX_RECORD_LINES} lines, or at the end of the file, is an
 * unterminated quote: its first line alone is returned (the parser rejects it) and reading goes on with
 * the line after it, so one stray quote costs one record, not the rest of the file.
 */
public final class NumberedRecords implements Closeable {
  static final int MAX_RECORD_LINES = 1_000;
  static final int MAX_LINE_BYTES = 16 << 20;
  /** How much of an overlong line is kept for its dead letter. */
  static final int KEPT_OF_OVERLONG_LINE = 4_096;

  private final String file;
  private final InputStream in;
  private final boolean csv;
  private final byte[] buffer = new byte[1 << 16];
  private int position;
  private int limit;
  private boolean ended;
  private long lineNumber;
  /** Lines read ahead while looking for the end of a quoted field, returned again after a stray quote. */
  private final Deque<SourceLine> pending = new ArrayDeque<>();
  private byte[] line = new byte[256];

  public NumberedRecords(String file, InputStream in, boolean csv) {
    this.file = file;
    this.in = in;
    this.csv = csv;
  }

  /** The next record, or null at the end of the file. */
  public SourceLine next() throws IOException {
    SourceLine first = nextNonBlankLine();
    if (first == null || !csv || first.problem() != null || !CsvLine.opensQuote(first.text())) {
      return first;
    }
    StringBuilder record = new StringBuilder(first.text());
    Deque<SourceLine> continuation = new ArrayDeque<>();
    while (continuation.size() < MAX_RECORD_LINES) {
      SourceLine more = nextLine();
      if (more == null || more.problem() != null) {
        if (more != null) {
          continuation.add(more);
        }
        break;
      }
      continuation.add(more);
      record.append('\n').append(more.text());
      if (!CsvLine.opensQuote(record)) {
        return new SourceLine(file, first.lineNumber(), record.toString());
      }
    }
    // an unterminated quote: the first line alone, then the lines after it as records of their own
    continuation.descendingIterator().forEachRemaining(pending::addFirst);
    return first;
  }

  private SourceLine nextNonBlankLine() throws IOException {
    for (SourceLine next = nextLine(); next != null; next = nextLine()) {
      if (next.problem() != null || !next.text().isBlank()) {
        return next;
      }
    }
    return null;
  }

  /** The next line as it is (blank ones too), or null at the end. */
  private SourceLine nextLine() throws IOException {
    if (!pending.isEmpty()) {
      return pending.removeFirst();
    }
    int length = 0;
    boolean overlong = false;
    boolean any = false;
    while (true) {
      if (position == limit && !fill()) {
        if (!any) {
          return null;
        }
        break;
      }
      any = true;
      int newline = indexOfNewline();
      int end = newline < 0 ? limit : newline;
      int chunk = end - position;
      if (length + chunk > MAX_LINE_BYTES) {
        overlong = true;
        chunk = Math.max(0, Math.min(chunk, KEPT_OF_OVERLONG_LINE - length));
      }
      if (chunk > 0) {
        ensureCapacity(length + chunk);
        System.arraycopy(buffer, position, line, length, chunk);
        length += chunk;
      }
      position = newline < 0 ? limit : newline + 1;
      if (newline >= 0) {
        break;
      }
    }
    lineNumber++;
    if (length > 0 && line[length - 1] == '\r') {
      length--;
    }
    int start = lineNumber == 1 && startsWithByteOrderMark(length) ? 3 : 0;
    if (overlong) {
      return new SourceLine(file, lineNumber, lenient(start, length),
          "line " + lineNumber + " is longer than " + (MAX_LINE_BYTES >> 20) + " MiB (is this a text file?)");
    }
    if (isAscii(start, length)) {
      return new SourceLine(file, lineNumber, new String(line, start, length - start, StandardCharsets.ISO_8859_1));
    }
    int invalid = Utf8.firstInvalidByte(line, start, length);
    if (invalid >= 0) {
      return new SourceLine(file, lineNumber, lenient(start, length), String.format(
          "line %d is not valid UTF-8 (byte 0x%02X at byte %d of the line): save the file as UTF-8 (it may be Latin-1 or Windows-1252)",
          lineNumber, line[invalid] & 0xFF, invalid - start + 1));
    }
    return new SourceLine(file, lineNumber, lenient(start, length));
  }

  private String lenient(int start, int length) {
    return new String(line, start, length - start, StandardCharsets.UTF_8);
  }

  private boolean startsWithByteOrderMark(int length) {
    return length >= 3 && (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB && (line[2] & 0xFF) == 0xBF;
  }

  private boolean isAscii(int start, int length) {
    for (int i = start; i < length; i++) {
      if (line[i] < 0) {
        return false;
      }
    }
    return true;
  }

  private int indexOfNewline() {
    for (int i = position; i < limit; i++) {
      if (buffer[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private boolean fill() throws IOException {
    if (ended) {
      return false;
    }
    int read = in.read(buffer);
    while (read == 0) {
      read = in.read(buffer);
    }
    if (read < 0) {
      ended = true;
      return false;
    }
    position = 0;
    limit = read;
    return true;
  }

  private void ensureCapacity(int needed) {
    if (needed > line.length) {
      line = Arrays.copyOf(line, Math.max(needed, line.length * 2));
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
