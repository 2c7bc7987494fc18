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
}
