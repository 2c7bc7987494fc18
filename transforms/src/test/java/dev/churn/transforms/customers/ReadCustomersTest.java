package dev.churn.transforms.customers;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.churn.testdata.TelcoSample;
import dev.churn.transforms.schema.DatasetSchema;
import dev.churn.transforms.schema.DatasetSchemaFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Reading real Telco records with every kind of bad record mixed in. */
public class ReadCustomersTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final transient TemporaryFolder folder = new TemporaryFolder();

  private final DatasetSchema telco = DatasetSchemaFile.load(DatasetSchemaFile.TELCO);

  /** The Telco header and its first data lines, with one field replaced. */
  private static String withField(String line, int field, String value) {
    String[] fields = line.split(",", -1);
    fields[field] = value;
    return String.join(",", fields);
  }

  @Test
  public void acceptsGoodRecordsAndDeadLettersEachBadOneWithItsReason() throws Exception {
    List<String> telcoLines = TelcoSample.lines();
    String header = telcoLines.get(0);
    String good1 = telcoLines.get(1); // 7590-VHVEG
    String good2 = telcoLines.get(2); // 5575-GNVDE
    String blankTotal = telcoLines.stream().filter(l -> l.contains(", ,") || l.endsWith(", ,No")).findFirst().orElseThrow();
    List<String> lines = new ArrayList<>();
    lines.add(header);
    lines.add(good1); // line 2
    lines.add(good2); // line 3
    lines.add(blankTotal); // line 4: TotalCharges " " is missing, not bad
    lines.add(withField(good1, 0, "")); // line 5: missing id
    lines.add("X-1,Female,0"); // line 6: wrong field count
    lines.add(withField(withField(good1, 0, "X-2"), 5, "abc")); // line 7: tenure not a number
    lines.add(withField(withField(good1, 0, "X-3"), 15, "Weekly")); // line 8: unknown contract
    lines.add(withField(withField(good1, 0, "X-4"), 20, "Maybe")); // line 9: bad label
    lines.add(withField(withField(good1, 0, "X-5"), 5, "-3")); // line 10: below minimum
    lines.add(withField(good2, 18, "99.5")); // line 11: duplicate id of line 3
    lines.add(""); // line 12: blank lines are skipped
    lines.add(withField(withField(good1, 0, "X-6"), 15, "")); // line 13: missing segment
    Path file = folder.getRoot().toPath().resolve("customers.csv");
    Files.write(file, lines);

    CsvHeader csvHeader = CsvHeader.read(List.of(file.toString()), telco, true);
    CustomerRecords records = pipeline.apply(ReadCustomers.from(file.toString(), telco, csvHeader, true));

    String blankTotalId = blankTotal.split(",")[0];
    PAssert.that(records.customers().apply(MapElements.into(TypeDescriptors.strings()).via(ReadCustomersTest::describe)))
        .containsInAnyOrder(
            "7590-VHVEG Month-to-month tenure=1.0 total=29.85 churned=false",
            "5575-GNVDE One year tenure=34.0 total=1889.5 churned=false",
            blankTotalId + " Two year tenure=0.0 total=null churned=false");
    String f = file.toString();
    PAssert.that(records.deadLetters())
        .containsInAnyOrder(
            new DeadLetter(f, 5, "missing customer id (column customerID)", lines.get(4)),
            new DeadLetter(f, 6, "expected 21 fields, found 3", lines.get(5)),
            new DeadLetter(f, 7, "column tenure: 'abc' is not a number", lines.get(6)),
            new DeadLetter(f, 8, "column Contract: 'Weekly' is not one of [Month-to-month, One year, Two year]", lines.get(7)),
            new DeadLetter(f, 9, "label column Churn: 'Maybe' is neither 'Yes' nor 'No'", lines.get(8)),
            new DeadLetter(f, 10, "column tenure: -3 is below the minimum 0.0", lines.get(9)),
            new DeadLetter(f, 11, "duplicate customer id 5575-GNVDE (first seen at " + f + " line 3)", lines.get(10)),
            new DeadLetter(f, 13, "missing segment value (column Contract)", lines.get(12)));

    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    assertThat(counter(result, ReadCustomers.READ), equalTo(11L));
    assertThat(counter(result, ReadCustomers.ACCEPTED), equalTo(3L));
    assertThat(counter(result, ReadCustomers.DEAD_LETTERED), equalTo(8L));
  }

  /**
   * A record with a quoted line break is one record, dead-lettered once from its first line (here for
   * its unknown contract), never split into a fragment scored as a customer; a Latin-1 byte dead-letters
   * its line instead of becoming a replacement character that would merge two ids.
   */
  @Test
  public void quotedLineBreaksAndBytesThatAreNotUtf8AreDeadLetteredWhole() throws Exception {
    List<String> telcoLines = TelcoSample.lines();
    String good1 = telcoLines.get(1);
    String good2 = telcoLines.get(2);
    String multiline = withField(withField(good1, 0, "X-1"), 15, "\"Month-to-month\nNEWLINE\"");
    Path file = folder.getRoot().toPath().resolve("hostile.csv");
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    bytes.write((telcoLines.get(0) + "\n" + multiline + "\n" + good2 + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    bytes.write(withField(good1, 0, "Ren\u00e9").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)); // line 5
    bytes.write('\n');
    bytes.write(withField(good1, 0, "Ren\u00e8").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)); // line 6
    bytes.write('\n');
    Files.write(file, bytes.toByteArray());

    CsvHeader csvHeader = CsvHeader.read(List.of(file.toString()), telco, true);
    CustomerRecords records = pipeline.apply(ReadCustomers.from(file.toString(), telco, csvHeader, true));
    PAssert.that(records.customers().apply("Ids", MapElements.into(TypeDescriptors.strings()).via(row -> row.getString(DatasetSchema.ID_FIELD))))
        .containsInAnyOrder("5575-GNVDE");
    PAssert.that(records.deadLetters().apply("Reasons", MapElements.into(TypeDescriptors.strings()).via(d -> d.line() + " " + d.reason())))
        .containsInAnyOrder(
            "2 column Contract: 'Month-to-month\nNEWLINE' is not one of [Month-to-month, One year, Two year]",
            "5 line 5 is not valid UTF-8 (byte 0xE9 at byte 4 of the line): save the file as UTF-8 (it may be Latin-1 or Windows-1252)",
            "6 line 6 is not valid UTF-8 (byte 0xE8 at byte 4 of the line): save the file as UTF-8 (it may be Latin-1 or Windows-1252)");
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    assertThat("a record spanning two lines is read once", counter(result, ReadCustomers.READ), equalTo(4L));
  }

  @Test
  public void readsTheWholeTelcoFileWithNoDeadLetters() throws Exception {
    Path file = TelcoSample.copyTo(folder.getRoot().toPath().resolve("telco.csv"));
    CsvHeader csvHeader = CsvHeader.read(List.of(file.toString()), telco, true);
    CustomerRecords records = pipeline.apply(ReadCustomers.from(file.toString(), telco, csvHeader, true));
    PAssert.that(records.deadLetters()).empty();
    PAssert.that(records.customers())
        .satisfies(
            rows -> {
              Set<String> ids = new HashSet<>();
              long churned = 0;
              long missingTotal = 0;
              for (Row row : rows) {
                ids.add(row.getString(DatasetSchema.ID_FIELD));
                churned += Boolean.TRUE.equals(row.getBoolean(DatasetSchema.LABEL_FIELD)) ? 1 : 0;
                missingTotal += row.getDouble("TotalCharges") == null ? 1 : 0;
              }
              assertThat(ids.size(), equalTo(7043));
              assertThat(churned, equalTo(1869L));
              assertThat(missingTotal, equalTo(11L));
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  private static String describe(Row row) {
    return row.getString(DatasetSchema.ID_FIELD)
        + " "
        + row.getString("Contract")
        + " tenure="
        + row.getDouble("tenure")
        + " total="
        + row.getDouble("TotalCharges")
        + " churned="
        + row.getBoolean(DatasetSchema.LABEL_FIELD);
  }

  private static long counter(PipelineResult result, String name) {
    long total = 0;
    for (MetricResult<Long> c :
        result.metrics()
            .queryMetrics(MetricsFilter.builder().addNameFilter(MetricNameFilter.named(ReadCustomers.METRICS, name)).build())
            .getCounters()) {
      total += c.getAttempted();
    }
    return total;
  }
}
