package dev.churn.transforms.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churn.transforms.io.BadRecordException;
import dev.churn.transforms.io.CsvLine;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The named fields of one event record: a CSV line under its file's header, or a JSON object. The
 * fields of a nested object (the {@code "data"} of a telemetry message) count as top-level fields.
 */
final class RecordFields {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> fields;

  private RecordFields(Map<String, String> fields) {
    this.fields = fields;
  }

  /** Parses a record: a JSON object when it starts with '{', otherwise a CSV line under {@code csvHeader}. */
  static RecordFields parse(String text, List<String> csvHeader) {
    return text.stripLeading().startsWith("{") ? ofJson(text) : ofCsv(text, csvHeader);
  }

  static RecordFields ofCsv(String line, List<String> header) {
    if (header == null) {
      throw new BadRecordException("not a JSON object");
    }
    List<String> values;
    try {
      values = CsvLine.split(line);
    } catch (IllegalArgumentException e) {
      throw new BadRecordException(e.getMessage());
    }
    if (values.size() != header.size()) {
      throw new BadRecordException("expected " + header.size() + " fields, found " + values.size());
    }
    Map<String, String> fields = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      fields.put(header.get(i), values.get(i).trim());
    }
    return new RecordFields(fields);
  }

  static RecordFields ofJson(String text) {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new BadRecordException("bad JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new BadRecordException("not a JSON object");
    }
    Map<String, String> fields = new HashMap<>();
    flatten(node, fields);
    return new RecordFields(fields);
  }

  private static void flatten(JsonNode object, Map<String, String> fields) {
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode value = field.getValue();
      if (value.isObject()) {
        flatten(value, fields);
      } else if (!value.isNull()) {
        fields.put(field.getKey(), value.asText().trim());
      }
    }
  }

  /** A field that must be present and not blank. */
  String text(String name) {
    String value = fields.get(name);
    if (value == null || value.isEmpty()) {
      throw new BadRecordException("missing field " + name);
    }
    return value;
  }

  /** A field that may be absent or blank (null then). */
  String optionalText(String name) {
    String value = fields.get(name);
    return value == null || value.isEmpty() ? null : value;
  }

  /** A required finite number. */
  double number(String name) {
    String text = text(name);
    try {
      double value = Double.parseDouble(text);
      if (Double.isFinite(value)) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new BadRecordException("field " + name + ": '" + text + "' is not a number");
  }

  /** A required number within [min, max]. */
  double number(String name, double min, double max) {
    double value = number(name);
    if (value < min || value > max) {
      throw new BadRecordException(
          "field " + name + ": " + value + " is outside the range " + min + " to " + max);
    }
    return value;
  }

  /** A required time: epoch seconds (fractional allowed) or an ISO-8601 instant; in epoch seconds. */
  double epochSeconds(String name) {
    String text = text(name);
    try {
      return EventTime.parseSeconds(text);
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new BadRecordException(
          "field " + name + ": '" + text + "' is neither epoch seconds nor an ISO-8601 time such as 2026-11-25T21:00:00Z");
    }
  }

}
