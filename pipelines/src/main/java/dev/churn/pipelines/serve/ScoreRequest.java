package dev.churn.pipelines.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.churn.pipelines.online.OnlineStore;
import dev.churn.transforms.customers.CustomerParser;
import dev.churn.transforms.io.BadRecordException;
import dev.churn.transforms.io.CsvLine;
import dev.churn.transforms.io.Text;
import dev.churn.transforms.schema.DatasetSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.values.Row;

/**
 * The body of {@code POST /v1/score}: {@code {"customers": [{COLUMN: VALUE, ...}, ...]}}, one object per
 * customer with the schema's column names as keys. Each customer is read as {@code churn score} reads a
 * CSV line ({@link CustomerParser}): the same values are accepted and the same refused. Every column
 * must be there (null or "" is a missing value, imputed as in batch), numbers may be JSON numbers or
 * strings, other keys are ignored. The event features may be given as keys too; a customer without
 * them gets those of the online store, or those of a customer without events.
 */
public final class ScoreRequest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A request the endpoint refuses: its HTTP status and one line that says why. */
  static final class Refused extends Exception {
    final int status;

    Refused(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  /** The customers of a request, parsed, with their event features. */
  final List<Row> customers;
  /** Per customer, where its event features came from, as the answer says it. */
  final String[] featureSources;

  static final String FROM_REQUEST = "request";
  static final String WITHOUT_EVENTS = "none: a customer without events";
  static final String NOT_STORED = "none: not in the online store, so those of a customer without events";

  private ScoreRequest(List<Row> customers, String[] featureSources) {
    this.customers = customers;
    this.featureSources = featureSources;
  }

  /**
   * The body that asks to score the customers of CSV {@code lines} under {@code header}: one object per
   * line, every value the cell's text (as a client that reads a customers file would send it).
   */
  public static String fromCsv(String header, List<String> lines) {
    List<String> columns = CsvLine.split(header);
    ObjectNode body = MAPPER.createObjectNode();
    ArrayNode customers = body.putArray("customers");
    for (String line : lines) {
      List<String> fields = CsvLine.split(line);
      ObjectNode customer = customers.addObject();
      for (int c = 0; c < columns.size() && c < fields.size(); c++) {
        customer.put(columns.get(c).trim(), fields.get(c));
      }
    }
    return body.toString();
  }

  /**
   * The customers of {@code body}, parsed with the served schema; a customer that does not give its
   * event features gets those of {@code store} (null for none) or those of a customer without events.
   */
  static ScoreRequest parse(byte[] body, ServedVersions served, int maxCustomers, OnlineFeatures store) throws Refused {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new Refused(400, "the body is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new Refused(400, "the body cannot be read: " + e.getMessage());
    }
    JsonNode list = root == null ? null : root.get("customers");
    if (list == null || !list.isArray()) {
      throw new Refused(400, "expected {\"customers\": [{...}, ...]}: one object per customer, keyed by column name");
    }
    if (list.size() > maxCustomers) {
      throw new Refused(413, "at most " + maxCustomers + " customers per request; this one has " + list.size());
    }
    DatasetSchema schema = served.schema();
    List<Row> customers = new ArrayList<>(list.size());
    String[] featureSources = new String[list.size()];
    for (int i = 0; i < list.size(); i++) {
      JsonNode customer = list.get(i);
      String where = "customers[" + i + "]";
      if (!customer.isObject()) {
        throw new Refused(400, where + ": expected an object keyed by column name");
      }
      JsonNode id = customer.get(schema.id);
      if (id != null && id.isValueNode() && !id.asText().isBlank()) {
        where = "customer " + Text.abbreviate(id.asText().trim(), 64) + " (" + where + ")";
      }
      try {
        Row row = served.parser().parse(column -> text(customer, column));
        Double[] features = features(customer, schema);
        featureSources[i] = FROM_REQUEST;
        if (features == null && schema.hasFeatures()) {
          OnlineStore.Stored stored = store == null ? null : store.lookup(row.getString(DatasetSchema.ID_FIELD), schema);
          features = stored == null ? null : stored.values;
          featureSources[i] = stored != null ? "online store, as of " + stored.asOfTime : store == null ? WITHOUT_EVENTS : NOT_STORED;
        }
        customers.add(served.withFeatures(row, features));
      } catch (BadRecordException e) {
        throw new Refused(400, where + ": " + e.getMessage());
      } catch (Refused e) {
        throw new Refused(e.status, where + ": " + e.getMessage());
      }
    }
    return new ScoreRequest(customers, featureSources);
  }

  /** The event features the customer gives, in feature order; null when it gives none of them. */
  private static Double[] features(JsonNode customer, DatasetSchema schema) {
    if (!schema.hasFeatures()) {
      return null;
    }
    List<DatasetSchema.NumericColumn> columns = schema.features.columns();
    if (columns.stream().noneMatch(c -> customer.has(c.name))) {
      return null;
    }
    Double[] values = new Double[columns.size()];
    for (int f = 0; f < values.length; f++) {
      DatasetSchema.NumericColumn column = columns.get(f);
      values[f] = CustomerParser.parseNumber(column.name, text(customer, column.name), column.min, column.max);
    }
    return values;
  }

  /** A field's value as the text a CSV cell would hold, trimmed; "" for null. */
  private static String text(JsonNode customer, String column) {
    JsonNode value = customer.get(column);
    if (value == null) {
      throw new BadRecordException("missing field '" + column + "' (give null for a missing value)");
    }
    if (value.isNull()) {
      return "";
    }
    if (!value.isValueNode()) {
      throw new BadRecordException("field '" + column + "': expected a string or a number, found " + value.getNodeType().toString().toLowerCase(Locale.ROOT));
    }
    return value.asText().trim();
  }
}
