package dev.churn.transforms.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Objects;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** One line of a source file with where it came from (1-based line number, the header is line 1). */
public final class SourceLine implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long lineNumber;
  private final String text;

  public SourceLine(String file, long lineNumber, String text) {
    this.file = file;
    this.lineNumber = lineNumber;
    this.text = text;
  }

  public String file() {
    return file;
  }

  public long lineNumber() {
    return lineNumber;
  }

  public String text() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SourceLine
        && ((SourceLine) o).lineNumber == lineNumber
        && ((SourceLine) o).file.equals(file)
        && ((SourceLine) o).text.equals(text);
  }

  @Override
  public int hashCode() {
    return Objects.hash(file, lineNumber, text);
  }

  @Override
  public String toString() {
    return file + ":" + lineNumber + ": " + text;
  }

  /** A compact coder: every input record travels as a SourceLine, and Java serialization is slow. */
  public static final class Coder extends CustomCoder<SourceLine> {
    private static final long serialVersionUID = 1L;
    private static final StringUtf8Coder TEXT = StringUtf8Coder.of();
    private static final VarLongCoder NUMBER = VarLongCoder.of();
    /** A Kafka message can have no value. */
    private static final NullableCoder<String> TEXT_OR_NULL = NullableCoder.of(TEXT);

    public static Coder of() {
      return new Coder();
    }

    @Override
    public void encode(SourceLine line, OutputStream out) throws IOException {
      TEXT.encode(line.file, out);
      NUMBER.encode(line.lineNumber, out);
      TEXT_OR_NULL.encode(line.text, out);
    }

    @Override
    public SourceLine decode(InputStream in) throws IOException {
      return new SourceLine(TEXT.decode(in), NUMBER.decode(in), TEXT_OR_NULL.decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
