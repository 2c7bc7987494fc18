package dev.churn.transforms.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churn.transforms.io.SourceLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Reads event files as {@link SourceLine}s: CSV data lines (header skipped) and JSON lines keep their
 * line numbers; the elements of a JSON array are numbered from 1 and read one at a time, so a large
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
      try (PushbackReader reader =
          new PushbackReader(
              new BufferedReader(new InputStreamReader(Channels.newInputStream(file.open()), StandardCharsets.UTF_8)))) {
        if (!EventInput.isCsv(name) && firstNonBlank(reader) == '[') {
          readArray(name, reader, out);
        } else {
          readLines(name, new BufferedReader(reader), EventInput.isCsv(name), out);
        }
      }
    }

    /** Peeks at the first character that is not whitespace (or a byte-order mark), leaving it unread. */
    private static int firstNonBlank(PushbackReader reader) throws IOException {
      int c = reader.read();
      while (c != -1 && (Character.isWhitespace(c) || c == '\uFEFF')) {
        c = reader.read();
      }
      if (c != -1) {
        reader.unread(c);
      }
      return c;
    }

    private static void readLines(String name, BufferedReader reader, boolean header, OutputReceiver<SourceLine> out)
        throws IOException {
      long lineNumber = 0;
      if (header) {
        reader.readLine();
        lineNumber++;
      }
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        if (!line.isBlank()) {
          out.output(new SourceLine(name, lineNumber, line));
        }
      }
    }

    private static void readArray(String name, PushbackReader reader, OutputReceiver<SourceLine> out)
        throws IOException {
      try (JsonParser parser = new JsonFactory(JSON).createParser(reader)) {
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
