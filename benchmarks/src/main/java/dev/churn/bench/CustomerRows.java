package dev.churn.bench;

import dev.churn.transforms.customers.CsvHeader;
import dev.churn.transforms.customers.ParseCustomerFn;
import dev.churn.transforms.schema.DatasetSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.values.Row;

/** A customers file read into rows in a plain loop, by the parser the pipelines use (for the baselines). */
final class CustomerRows {
  private CustomerRows() {}

  static List<Row> read(String file, DatasetSchema schema, boolean withLabel) {
    ParseCustomerFn parser = new ParseCustomerFn(schema, CsvHeader.read(List.of(file), schema, withLabel), withLabel);
    try {
      List<String> lines = Files.readAllLines(Paths.get(file));
      List<Row> rows = new ArrayList<>(lines.size());
      for (String line : lines.subList(1, lines.size())) {
        rows.add(parser.parse(line));
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
