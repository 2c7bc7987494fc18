package dev.churn.transforms.schema;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.Assert.assertThrows;

import dev.churn.transforms.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class DatasetSchemaFileTest {
  @Rule public TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void loadsTheTelcoSchema() {
    DatasetSchema schema = DatasetSchemaFile.load(DatasetSchemaFile.TELCO);
    assertThat(schema.id, equalTo("customerID"));
    assertThat(schema.label.column, equalTo("Churn"));
    assertThat(schema.segment, equalTo("Contract"));
    assertThat(schema.numeric, hasSize(3));
    assertThat(schema.categorical, hasSize(16));
    assertThat(schema.sensitive, contains("gender", "SeniorCitizen"));
    assertThat(schema.requiredColumns(true), hasSize(21));
  }

  @Test
  public void readsJsonToo() throws Exception {
    Path file = folder.getRoot().toPath().resolve("s.json");
    Files.writeString(
        file,
        "{\"id\":\"id\",\"label\":{\"column\":\"y\"},\"numeric\":[{\"name\":\"x\"}],"
            + "\"categorical\":[{\"name\":\"plan\",\"values\":[\"a\",\"b\"]}],\"segment\":\"plan\"}");
    DatasetSchema schema = DatasetSchemaFile.load(file.toString());
    assertThat(schema.requiredColumns(false), contains("id", "x", "plan"));
  }

  @Test
  public void namesEveryInconsistency() throws Exception {
    Path file = folder.getRoot().toPath().resolve("bad.yaml");
    Files.writeString(
        file, "id: id\nlabel: {column: y}\nsegment: region\nnumeric: [{name: x}, {name: x}]\nsensitive: [sex]\n");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> DatasetSchemaFile.load(file.toString()));
    assertThat(e.getMessage(), containsString("bad.yaml"));
    assertThat(e.getMessage(), containsString("column 'x' is listed twice"));
    assertThat(e.getMessage(), containsString("segment 'region' is not one of the categorical columns"));
    assertThat(e.getMessage(), containsString("sensitive attribute 'sex'"));
  }

  @Test
  public void missingFileIsAUserError() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> DatasetSchemaFile.load("/no/such/schema.yaml"));
    assertThat(e.getMessage(), containsString("/no/such/schema.yaml cannot be read"));
  }

  @Test
  public void unknownKeyIsAUserError() throws Exception {
    Path file = folder.getRoot().toPath().resolve("typo.yaml");
    Files.writeString(file, "id: id\nlabel: {column: y}\nnumerics: [{name: x}]\n");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> DatasetSchemaFile.load(file.toString()));
    assertThat(e.getMessage(), containsString("numerics"));
  }
}
