package dev.churn.transforms.customers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churn.transforms.io.SourceLine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** A rejected record: where it was, why, and the record itself so that it can be fixed and replayed. */
public final class DeadLetter implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The coder of every dead-letter collection. */
  public static final Coder<DeadLetter> CODER = new DeadLetterCoder();

  private final String file;
  private final long line;
  private final String reason;
  private final String record;

  public DeadLetter(String file, long line, String reason, String record) {
    this.file = file;
    this.line = line;
    this.reason = reason;
    this.record = record;
  }

  public static DeadLetter of(SourceLine source, String reason) {
    return new DeadLetter(source.file(), source.lineNumber(), reason, source.text());
  }

  public String file() {
    return file;
  }

  public long line() {
    return line;
  }

  public String reason() {
    return reason;
  }

  public String record() {
    return record;
  }

  /**
   * The kind of problem: the reason with the record's own values left out ({@code column tenure: '...'
   * is not a number}), so that the dead letters of a file can be counted by what is wrong with them.
   */
  public String kind() {
    String kind = reason.replaceAll("'(?:[^']|'')*'", "'...'").replaceAll("\\b(line|byte) \\d+", "$1 N");
    return kind.length() > 120 ? kind.substring(0, 120) : kind;
  }

  /** One JSON object per line: {@code {"file":..,"line":..,"reason":..,"record":..}}. */
  public String toJson() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("file", file);
    fields.put("line", line);
    fields.put("reason", reason);
    fields.put("record", record);
    try {
      return JSON.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof DeadLetter)) {
      return false;
    }
    DeadLetter other = (DeadLetter) o;
    return line == other.line
        && file.equals(other.file)
        && Objects.equals(reason, other.reason)
        && Objects.equals(record, other.record);
  }

  @Override
  public int hashCode() {
    return Objects.hash(file, line, reason, record);
  }

  @Override
  public String toString() {
    return file + ":" + line + ": " + reason;
  }

  /** Its four fields, compactly: dead letters travel through shuffles and file writes. */
  private static final class DeadLetterCoder extends CustomCoder<DeadLetter> {
    private static final long serialVersionUID = 1L;
    private static final StringUtf8Coder TEXT = StringUtf8Coder.of();
    private static final NullableCoder<String> TEXT_OR_NULL = NullableCoder.of(TEXT);

    @Override
    public void encode(DeadLetter letter, OutputStream out) throws IOException {
      TEXT_OR_NULL.encode(letter.file, out);
      VarLongCoder.of().encode(letter.line, out);
      TEXT_OR_NULL.encode(letter.reason, out);
      TEXT_OR_NULL.encode(letter.record, out);
    }

    @Override
    public DeadLetter decode(InputStream in) throws IOException {
      return new DeadLetter(TEXT_OR_NULL.decode(in), VarLongCoder.of().decode(in), TEXT_OR_NULL.decode(in), TEXT_OR_NULL.decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
