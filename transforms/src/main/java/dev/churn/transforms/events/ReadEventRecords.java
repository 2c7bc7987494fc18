package dev.churn.transforms.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churn.transforms.io.NumberedRecords;
import dev.churn.transforms.io.SourceLine;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Reads event files as {@link SourceLine}s: CSV records (header skipped) and JSON lines keep their
 * line numbers ({@link NumberedRecords}: strict UTF-8, quoted line breaks in CSV); the elements of a JSON array are numbered from 1 and read one at a time, so a large
 * array never sits in memory whole.
 */
public final class ReadEventRecords extends PTransform<PBegin, PCollection<SourceLine>> {
  private final String pattern;

  ReadEventRecords(String pattern) {
    this.pattern = pattern;
  }

  @Override
  public PCollection<SourceLine> expand(PBegin input) {
    return input
        .apply("MatchFiles", FileIO.match().filepattern(pattern))
        .apply("OpenFiles", FileIO.readMatches())
        .apply("ReadRecords", ParDo.of(new ReadRecordsFn()))
        .setCoder(SourceLine.Coder.of());
  }

  static final class ReadRecordsFn extends DoFn<FileIO.ReadableFile, SourceLine> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ProcessElement
    public void process(@Element FileIO.ReadableFile file, OutputReceiver<SourceLine> out) throws IOException {
      String name = file.getMetadata().resourceId().toString();
      boolean csv = EventInput.isCsv(name);
      try (BufferedInputStream in = new BufferedInputStream(Channels.newInputStream(file.open()))) {
        if (!csv && firstNonBlank(in) == '[') {
          readArray(name, in, out);
          return;
        }
        try (NumberedRecords records = new NumberedRecords(name, in, csv)) {
          for (SourceLine record = records.next(); record != null; record = records.next()) {
            if (!csv || record.lineNumber() > 1) { // a CSV file's line 1 is its header
              out.output(record);
            }
          }
        }
      }
    }

    /** Peeks at the first byte that is not whitespace (or a UTF-8 byte-order mark), leaving it unread. */
    private static int firstNonBlank(BufferedInputStream in) throws IOException {
      in.mark(1 << 16);
      int c = in.read();
      while (c != -1 && (Character.isWhitespace(c) || c == 0xEF || c == 0xBB || c == 0xBF)) {
        c = in.read();
      }
      in.reset();
      return c;
    }

    private static void readArray(String name, InputStream in, OutputReceiver<SourceLine> out) throws IOException {
      try (JsonParser parser = new JsonFactory(JSON).createParser(in)) {
        parser.nextToken(); // START_ARRAY
        long element = 0;
        for (JsonToken token = parser.nextToken(); token != null && token != JsonToken.END_ARRAY; token = parser.nextToken()) {
          element++;
          out.output(new SourceLine(name, element, JSON.readTree(parser).toString()));
        }
      }
    }
  }
}
