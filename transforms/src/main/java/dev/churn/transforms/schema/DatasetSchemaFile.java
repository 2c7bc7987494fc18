package dev.churn.transforms.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.churn.transforms.InvalidInputException;
import dev.churn.transforms.io.InputFiles;
import java.io.IOException;
import java.io.InputStream;

/** Reads a dataset schema from a YAML or JSON file, or from a {@code classpath:} resource. */
public final class DatasetSchemaFile {
  /** The schema of the IBM Telco file shipped in test-data. */
  public static final String TELCO = "classpath:telco/telco.schema.yaml";

  private DatasetSchemaFile() {}

  public static DatasetSchema load(String location) {
    // YAML is a superset of JSON, so one parser reads both.
    ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
    try (InputStream in = InputFiles.open(location)) {
      return mapper.readValue(in, DatasetSchema.class).validate(location);
    } catch (InvalidInputException e) {
      throw e;
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("dataset schema " + location + ": " + SchemaErrors.describe(e), e);
    } catch (IOException e) {
      throw new InvalidInputException(
          "dataset schema " + location + " cannot be read: " + firstLine(e.getMessage()), e);
    }
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
