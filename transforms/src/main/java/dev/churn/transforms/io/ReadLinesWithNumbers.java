package dev.churn.transforms.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Reads the files a pattern matches as {@link SourceLine}s, skipping each file's header line and blank
 * lines, so that every record keeps its file name and line number for error messages.
 */
public final class ReadLinesWithNumbers extends PTransform<PBegin, PCollection<SourceLine>> {
  private final String filePattern;

  private ReadLinesWithNumbers(String filePattern) {
    this.filePattern = filePattern;
  }

  public static ReadLinesWithNumbers from(String filePattern) {
    return new ReadLinesWithNumbers(filePattern);
  }

  @Override
  public PCollection<SourceLine> expand(PBegin input) {
    return input
        .apply("MatchFiles", FileIO.match().filepattern(filePattern))
        .apply("OpenFiles", FileIO.readMatches())
        .apply("ReadNumberedLines", ParDo.of(new ReadNumberedLinesFn()))
        .setCoder(SourceLine.Coder.of());
  }

  static final class ReadNumberedLinesFn extends DoFn<FileIO.ReadableFile, SourceLine> {
    @ProcessElement
    public void process(@Element FileIO.ReadableFile file, OutputReceiver<SourceLine> out)
        throws IOException {
      String name = file.getMetadata().resourceId().toString();
      try (BufferedReader reader =
          new BufferedReader(new InputStreamReader(Channels.newInputStream(file.open()), StandardCharsets.UTF_8))) {
        reader.readLine(); // the header, checked before the pipeline starts
        long lineNumber = 1;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          lineNumber++;
          if (!line.isBlank()) {
            out.output(new SourceLine(name, lineNumber, line));
          }
        }
      }
    }
  }
}
