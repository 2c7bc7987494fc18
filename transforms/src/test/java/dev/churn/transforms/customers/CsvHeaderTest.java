package dev.churn.transforms.customers;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.Assert.assertThrows;

import dev.churn.transforms.InvalidInputException;
import dev.churn.transforms.schema.DatasetSchema;
import dev.churn.transforms.schema.DatasetSchemaFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class CsvHeaderTest {
  @Rule public TemporaryFolder folder = new TemporaryFolder();
  private final DatasetSchema telco = DatasetSchemaFile.load(DatasetSchemaFile.TELCO);

  private String file(String name, String content) throws Exception {
    Path path = folder.getRoot().toPath().resolve(name);
    Files.writeString(path, content);
    return path.toString();
  }

  @Test
  public void acceptsTheTelcoHeaderWithAndWithoutLabel() throws Exception {
    String header = String.join(",", telco.requiredColumns(true));
    CsvHeader withLabel = CsvHeader.read(List.of(file("a.csv", header + "\r\n")), telco, true);
    assertThat(withLabel.size(), equalTo(21));
    String unlabelled = String.join(",", telco.requiredColumns(false));
    assertThat(CsvHeader.read(List.of(file("b.csv", unlabelled + "\n")), telco, false).size(), equalTo(20));
  }

  @Test
  public void missingLabelIsRefusedForTraining() throws Exception {
    String unlabelled = String.join(",", telco.requiredColumns(false));
    String path = file("b.csv", unlabelled + "\n");
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> CsvHeader.read(List.of(path), telco, true));
    assertThat(e.getMessage(), equalTo("customers file " + path + ": header does not match dataset schema 'telco'; missing column(s) Churn"));
  }

  @Test
  public void unknownColumnsAreNamed() throws Exception {
    String path = file("c.csv", "id,colour\n");
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> CsvHeader.read(List.of(path), telco, false));
    assertThat(e.getMessage(), containsString("unknown column(s) id, colour"));
    assertThat(e.getMessage(), containsString("missing column(s) customerID, tenure"));
  }

  @Test
  public void emptyFileIsRefused() throws Exception {
    String path = file("empty.csv", "");
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> CsvHeader.read(List.of(path), telco, false));
    assertThat(e.getMessage(), equalTo("customers file " + path + " is empty: expected a header line"));
  }

  @Test
  public void aColumnNamedTwiceIsRefusedNamingIt() throws Exception {
    String header = String.join(",", telco.requiredColumns(true)) + ",tenure";
    String path = file("twice.csv", header + "\n");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> CsvHeader.read(List.of(path), telco, true));
    assertThat(e.getMessage(), equalTo("customers file " + path + ": the header names column 'tenure' twice (columns 2 and 22)"));
  }

  @Test
  public void filesThatAreNotCommaSeparatedUtf8TextSayWhatTheyAre() throws Exception {
    String tabs = file("tabs.csv", String.join("\t", telco.requiredColumns(true)) + "\n");
    assertThat(assertThrows(InvalidInputException.class, () -> CsvHeader.read(List.of(tabs), telco, true)).getMessage(),
        equalTo("customers file " + tabs + ": the header is separated by tabs, not commas: churn reads comma-separated files"));
    String semicolons = file("semicolons.csv", String.join(";", telco.requiredColumns(true)) + "\n");
    assertThat(assertThrows(InvalidInputException.class, () -> CsvHeader.read(List.of(semicolons), telco, true)).getMessage(),
        containsString("separated by ';', not commas"));
    Path utf16 = folder.getRoot().toPath().resolve("utf16.csv");
    Files.write(utf16, ("\uFEFF" + String.join(",", telco.requiredColumns(true)) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
    assertThat(assertThrows(InvalidInputException.class, () -> CsvHeader.read(List.of(utf16.toString()), telco, true)).getMessage(),
        equalTo("customers file " + utf16 + " cannot be read: it is UTF-16 text (byte-order mark FF FE): save it as UTF-8"));
    Path gzip = folder.getRoot().toPath().resolve("customers.csv.gz");
    try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gzip))) {
      out.write(String.join(",", telco.requiredColumns(true)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    assertThat(assertThrows(InvalidInputException.class, () -> CsvHeader.read(List.of(gzip.toString()), telco, true)).getMessage(),
        equalTo("customers file " + gzip + " cannot be read: it is gzip-compressed: decompress it first (gunzip)"));
  }

  @Test
  public void aHugeHeaderIsNotEchoed() throws Exception {
    String path = file("huge.csv", "customerID," + "x".repeat(3 << 20) + "\n");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> CsvHeader.read(List.of(path), telco, true));
    assertThat(e.getMessage(), equalTo("customers file " + path + " cannot be read: its first line is longer than 1 MiB: it is not a CSV header"));
    String wide = file("wide.csv", "customerID," + "y".repeat(100_000) + "," + String.join(",", java.util.Collections.nCopies(50, "z")).replace("z", "zz") + "\n");
    String message = assertThrows(InvalidInputException.class, () -> CsvHeader.read(List.of(wide), telco, true)).getMessage();
    assertThat("a long column name is cut: " + message.length(), message.length() < 2_000, equalTo(true));
  }
}
