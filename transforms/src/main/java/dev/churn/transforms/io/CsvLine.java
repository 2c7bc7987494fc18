package dev.churn.transforms.io;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV record (RFC 4180: comma separated, fields optionally in double quotes, a doubled quote
 * inside quotes is a quote, a quoted field may hold line breaks: {@link NumberedRecords} joins the lines
 * of such a record).
 */
public final class CsvLine {
  private CsvLine() {}

  /** The fields of a line; throws {@link IllegalArgumentException} on an unterminated quote. */
  public static List<String> split(String line) {
    if (line.indexOf('"') < 0) {
      return splitUnquoted(line);
    }
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"' && field.length() == 0) {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("unterminated quoted field");
    }
    fields.add(field.toString());
    return fields;
  }

  /** Whether the text ends inside a quoted field, so that the record goes on on the next line. */
  public static boolean opensQuote(CharSequence text) {
    if (text.chars().noneMatch(c -> c == '"')) {
      return false;
    }
    try {
      split(text.toString());
      return false;
    } catch (IllegalArgumentException unterminated) {
      return true;
    }
  }

  /** The common case, a line without quotes, cut at its commas. */
  private static List<String> splitUnquoted(String line) {
    List<String> fields = new ArrayList<>();
    int start = 0;
    for (int comma = line.indexOf(','); comma >= 0; comma = line.indexOf(',', start)) {
      fields.add(line.substring(start, comma));
      start = comma + 1;
    }
    fields.add(line.substring(start));
    return fields;
  }

  /** Formats fields as one CSV line, quoting only where needed. */
  public static String join(List<?> values) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      Object value = values.get(i);
      String text = value == null ? "" : value.toString();
      if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0) {
        line.append('"').append(text.replace("\"", "\"\"")).append('"');
      } else {
        line.append(text);
      }
    }
    return line.toString();
  }
}
