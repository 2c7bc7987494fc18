package dev.churn.transforms.events;

import dev.churn.transforms.InvalidInputException;
import dev.churn.transforms.io.InputFiles;
import dev.churn.transforms.io.Text;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An events input (telemetry, interactions, device registry) checked before any pipeline starts: the
 * files exist, and CSV files share one header that has the required columns. Files ending in
 * {@code .csv} are CSV with a header; any other file holds JSON: one object per line, or one array of
 * objects (the format of the telemetry sample).
 */
public final class EventInput implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String what;
  private final String pattern;
  private final List<String> csvHeader;

  private EventInput(String what, String pattern, List<String> csvHeader) {
    this.what = what;
    this.pattern = pattern;
    this.csvHeader = csvHeader;
  }

  /** @param what the input's name in messages ("telemetry") */
  public static EventInput check(String what, String pattern, List<String> requiredColumns) {
    List<String> header = null;
    String headerFile = null;
    for (String file : InputFiles.match(what, pattern)) {
      if (!isCsv(file)) {
        InputFiles.requireText(what, file);
        continue;
      }
      List<String> columns = readHeader(what, file);
      if (header == null) {
        List<String> missing = new ArrayList<>(requiredColumns);
        missing.removeAll(columns);
        if (!missing.isEmpty()) {
          throw new InvalidInputException(what + " file " + file + ": header lacks column(s) " + missing + "; it has " + Text.abbreviate(columns.toString(), 300));
        }
        header = columns;
        headerFile = file;
      } else if (!header.equals(columns)) {
        throw new InvalidInputException(
            what + " file " + file + ": header " + Text.abbreviate(columns.toString(), 300) + " differs from " + headerFile + "'s " + header);
      }
    }
    return new EventInput(what, pattern, header);
  }

  static boolean isCsv(String file) {
    return file.toLowerCase(Locale.ROOT).endsWith(".csv");
  }

  private static List<String> readHeader(String what, String file) {
    return InputFiles.csvHeader(what, file);
  }

  public String what() {
    return what;
  }

  public String pattern() {
    return pattern;
  }

  /** The CSV files' header, or null when there are only JSON files. */
  public List<String> csvHeader() {
    return csvHeader;
  }

  /** Reads the records of every file, each with its file and line (or array element) number. */
  public ReadEventRecords read() {
    return new ReadEventRecords(pattern);
  }
}
