package dev.churn.transforms.io;

import java.io.Serializable;
import java.util.Objects;

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
}
