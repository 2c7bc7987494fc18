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

/**
 * One record of a source file with where it came from (1-based number of the line it starts on, the
 * header is line 1), and, for a line that could not be read as text, what is wrong with it.
 */
public final class SourceLine implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long lineNumber;
  private final String text;
  private final String problem;

  public SourceLine(String file, long lineNumber, String text) {
    this(file, lineNumber, text, null);
  }

  /** @param problem why the line cannot be used as it is (not valid UTF-8, too long), or null */
  public SourceLine(String file, long lineNumber, String text, String problem) {
    this.file = file;
    this.lineNumber = lineNumber;
    this.text = text;
    this.problem = problem;
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

  /** Why the line could not be read as text (its text then holds replacement characters), or null. */
  public String problem() {
    return problem;
  }

  /** Throws {@link BadRecordException} with the problem of a line that could not be read as text. */
  public SourceLine requireReadable() {
    if (problem != null) {
      throw new BadRecordException(problem);
    }
    return this;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SourceLine
        && ((SourceLine) o).lineNumber == lineNumber
        && ((SourceLine) o).file.equals(file)
        && Objects.equals(((SourceLine) o).text, text)
        && Objects.equals(((SourceLine) o).problem, problem);
  }

  @Override
  public int hashCode() {
    return Objects.hash(file, lineNumber, text, problem);
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
      TEXT_OR_NULL.encode(line.problem, out);
    }

    @Override
    public SourceLine decode(InputStream in) throws IOException {
      return new SourceLine(TEXT.decode(in), NUMBER.decode(in), TEXT_OR_NULL.decode(in), TEXT_OR_NULL.decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
