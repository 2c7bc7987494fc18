package dev.churn.transforms.io;

import java.io.IOException;
import java.nio.channels.Channels;
import java.util.List;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Reads CSV files as {@link SourceLine}s ({@link NumberedRecords}: strict UTF-8, quoted line breaks),
 * skipping each file's header line and blank lines, so that every record keeps its file name and line
 * number for error messages.
 */
public final class ReadLinesWithNumbers extends PTransform<PBegin, PCollection<SourceLine>> {
  private final List<String> filePatterns;

  private ReadLinesWithNumbers(List<String> filePatterns) {
    this.filePatterns = List.copyOf(filePatterns);
  }

  public static ReadLinesWithNumbers from(String filePattern) {
    return new ReadLinesWithNumbers(List.of(filePattern));
  }

  /** The files of several patterns (or a list of files). */
  public static ReadLinesWithNumbers from(List<String> filePatterns) {
    return new ReadLinesWithNumbers(filePatterns);
  }

  @Override
  public PCollection<SourceLine> expand(PBegin input) {
    PCollection<FileIO.ReadableFile> files =
        filePatterns.size() == 1
            ? input.apply("MatchFiles", FileIO.match().filepattern(filePatterns.get(0))).apply("OpenFiles", FileIO.readMatches())
            : input
                .apply("Patterns", Create.of(filePatterns).withCoder(StringUtf8Coder.of()))
                .apply("MatchFiles", FileIO.matchAll())
                .apply("OpenFiles", FileIO.readMatches());
    return files.apply("ReadNumberedLines", ParDo.of(new ReadNumberedLinesFn())).setCoder(SourceLine.Coder.of());
  }

  static final class ReadNumberedLinesFn extends DoFn<FileIO.ReadableFile, SourceLine> {
    @ProcessElement
    public void process(@Element FileIO.ReadableFile file, OutputReceiver<SourceLine> out) throws IOException {
      String name = file.getMetadata().resourceId().toString();
      try (NumberedRecords records = new NumberedRecords(name, Channels.newInputStream(file.open()), true)) {
        for (SourceLine record = records.next(); record != null; record = records.next()) {
          if (record.lineNumber() > 1) { // line 1 is the header, checked before the pipeline starts
            out.output(record);
          }
        }
      }
    }
  }
}
