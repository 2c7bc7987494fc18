package dev.churn.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;

import dev.churn.pipelines.ScoreFiles;
import dev.churn.pipelines.TrainedTelco;
import dev.churn.pipelines.monitor.MonitorRun;
import dev.churn.pipelines.rows.ScoreRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.extensions.avro.schemas.utils.AvroUtils;
import org.apache.beam.sdk.values.Row;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code score --format parquet}: files a Parquet reader opens (read back here with parquet-avro, not
 * through Beam), typed columns, the same scores as the CSV files of the same models, flat and
 * partitioned by run date and segment; {@code monitor} reads them and measures what it measures on
 * the CSV files.
 */
public class ParquetScoresTest {
  @ClassRule public static final TemporaryFolder FOLDER = new TemporaryFolder();

  @Test
  public void parquetScoresAreTheCsvScoresTyped() throws Exception {
    TrainedTelco telco = TrainedTelco.get();
    Path csv = FOLDER.newFolder("csv").toPath();
    Path parquet = FOLDER.newFolder("parquet").toPath();
    assertThat(score(csv, "csv-run").exitCode, equalTo(0));
    Cli scored = score(parquet, "parquet-run", "--format", "parquet");
    assertThat(scored.err, scored.exitCode, equalTo(0));
    assertThat(scored.out, containsString("scores: " + parquet + "/scores-parquet-run."));

    List<Path> files = filesEndingWith(parquet, ".parquet");
    assertThat(filesEndingWith(parquet, ".csv"), hasSize(0));
    Schema written = schemaOf(files.get(0));
    Schema.Field scoredAt = written.getField(ScoreRows.SCORED_AT);
    assertThat(LogicalTypes.fromSchemaIgnoreInvalid(scoredAt.schema()), equalTo(LogicalTypes.timestampMillis()));
    assertThat(written.getField(ScoreRows.CHURN_PROBABILITY).schema().getType(), equalTo(Schema.Type.DOUBLE));

    Map<String, Row> fromParquet = byCustomer(read(files));
    Map<String, Row> fromCsv = new TreeMap<>();
    for (Path file : ScoreFiles.files(csv)) {
      List<String> lines = Files.readAllLines(file);
      for (String line : lines.subList(1, lines.size())) {
        Row row = ScoreRows.fromCsv(line);
        fromCsv.put(row.getString(ScoreRows.CUSTOMER_ID), row);
      }
    }
    assertThat(fromParquet.keySet(), equalTo(fromCsv.keySet()));
    assertThat(fromParquet.size(), equalTo(telco.data.scoreRows));
    fromCsv.forEach((customer, row) -> {
      Row typed = fromParquet.get(customer);
      assertThat(typed.getString(ScoreRows.RUN_ID), equalTo("parquet-run"));
      // everything but the run and its time: probability, band, model, reasons
      assertThat(customer, typed.getValues().subList(2, typed.getFieldCount()), equalTo(row.getValues().subList(2, row.getFieldCount())));
    });

    // monitoring reads either format and measures the same (up to the order of floating-point sums)
    List<String> fromCsvChecks = monitorChecks(csv);
    List<String> fromParquetChecks = monitorChecks(parquet);
    assertThat(fromParquetChecks.size(), equalTo(fromCsvChecks.size()));
    for (int i = 0; i < fromCsvChecks.size(); i++) {
      String[] expected = fromCsvChecks.get(i).split(",", -1);
      String[] actual = fromParquetChecks.get(i).split(",", -1);
      for (int f = 0; f < expected.length; f++) {
        boolean number = expected[f].matches("-?[0-9.]+(E-?[0-9]+)?");
        if (number) {
          assertThat(fromCsvChecks.get(i), Double.parseDouble(actual[f]), closeTo(Double.parseDouble(expected[f]), 1e-12));
        } else {
          assertThat(fromCsvChecks.get(i), actual[f], equalTo(expected[f]));
        }
      }
    }
  }

  @Test
  public void partitionedParquetScoresSitInTheirSegmentFolders() throws Exception {
    Path output = FOLDER.newFolder("partitioned").toPath();
    Cli scored = score(output, "nightly", "--format", "PARQUET", "--partitioned");
    assertThat(scored.err, scored.exitCode, equalTo(0));
    List<Path> files = filesEndingWith(output, ".parquet");
    int rows = 0;
    for (Path file : files) {
      String folder = output.relativize(file).getName(2).toString();
      for (Row row : read(List.of(file))) {
        assertThat(folder, equalTo("segment=" + row.getString(ScoreRows.SEGMENT)));
        rows++;
      }
      assertThat(file.getFileName().toString(), file.getFileName().toString().startsWith("scores-nightly."), equalTo(true));
    }
    assertThat(rows, equalTo(TrainedTelco.get().data.scoreRows));

    Cli refused = score(FOLDER.newFolder("xml").toPath(), "nightly", "--format", "xml");
    assertThat(refused.exitCode, equalTo(ChurnCli.BAD_INPUT));
    assertThat(refused.lastErrorLine(), containsString("--format xml: expected csv or parquet"));
  }

  private static Cli score(Path output, String runId, String... options) {
    TrainedTelco telco = TrainedTelco.get();
    List<String> arguments = new ArrayList<>(List.of(
        "score", "--customers", telco.data.score.toString(), "--registry", telco.registry.toString(), "--output", output.toString(), "--run-id", runId));
    arguments.addAll(List.of(options));
    return Cli.run(arguments.toArray(new String[0]));
  }

  /** The check rows of monitoring a scoring run with labels, without the run's id and time. */
  private static List<String> monitorChecks(Path scores) throws Exception {
    TrainedTelco telco = TrainedTelco.get();
    Path output = scores.resolveSibling(scores.getFileName() + "-monitor");
    Cli monitor = Cli.run("monitor", "--customers", telco.data.score.toString(), "--registry", telco.registry.toString(),
        "--scores", scores.toString(), "--labels", telco.data.scoreLabelled.toString(), "--output", output.toString());
    assertThat(monitor.err, monitor.exitCode, equalTo(0));
    List<String> lines = Files.readAllLines(output.resolve(MonitorRun.CHECKS_FILE));
    assertThat(lines.size(), greaterThan(20));
    return lines.stream().map(line -> line.replaceFirst("^[^,]*,[^,]*,", "")).collect(Collectors.toList());
  }

  private static List<Row> read(List<Path> files) throws Exception {
    List<Row> rows = new ArrayList<>();
    for (Path file : files) {
      try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file)).build()) {
        for (GenericRecord record = reader.read(); record != null; record = reader.read()) {
          rows.add(AvroUtils.toBeamRowStrict(record, ScoreRows.SCHEMA));
        }
      }
    }
    return rows;
  }

  private static Schema schemaOf(Path file) throws Exception {
    try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file)).build()) {
      return reader.read().getSchema();
    }
  }

  private static Map<String, Row> byCustomer(List<Row> rows) {
    Map<String, Row> byId = new TreeMap<>();
    rows.forEach(row -> byId.put(row.getString(ScoreRows.CUSTOMER_ID), row));
    return byId;
  }

  private static List<Path> filesEndingWith(Path folder, String suffix) throws Exception {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(f -> f.toString().endsWith(suffix)).sorted().collect(Collectors.toList());
    }
  }
}
