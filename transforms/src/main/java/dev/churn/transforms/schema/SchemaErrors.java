package dev.churn.transforms.schema;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Collection;
import java.util.Map;

/**
 * A dataset schema file's parse error in the words of the file: the line and column, the field's path
 * ({@code numeric[2].min}) and what was expected there, instead of the Java types the parser names.
 */
final class SchemaErrors {
  private SchemaErrors() {}

  static String describe(JsonProcessingException e) {
    String where = where(e.getLocation());
    if (e instanceof UnrecognizedPropertyException) {
      UnrecognizedPropertyException unknown = (UnrecognizedPropertyException) e;
      String parent = path((JsonMappingException) e, 1);
      return where + "unknown field '" + unknown.getPropertyName() + "'" + (parent.isEmpty() ? "" : " in " + parent)
          + (unknown.getKnownPropertyIds() == null ? "" : " (expected one of " + unknown.getKnownPropertyIds() + ")");
    }
    if (e instanceof InvalidFormatException) {
      InvalidFormatException format = (InvalidFormatException) e;
      return where + "field " + path(format, 0) + ": '" + format.getValue() + "' is not " + expected(format.getTargetType());
    }
    if (e instanceof MismatchedInputException) {
      MismatchedInputException mismatch = (MismatchedInputException) e;
      String path = path(mismatch, 0);
      return where + (path.isEmpty() ? "" : "field " + path + ": ") + "expected " + expected(mismatch.getTargetType());
    }
    String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
    return where + message.lines().findFirst().orElse(message);
  }

  private static String where(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return "line " + location.getLineNr() + ", column " + location.getColumnNr() + ": ";
  }

  /** The path of the field, leaving out the last {@code dropLast} steps. */
  private static String path(JsonMappingException e, int dropLast) {
    StringBuilder path = new StringBuilder();
    var references = e.getPath();
    for (int i = 0; i < references.size() - dropLast; i++) {
      JsonMappingException.Reference reference = references.get(i);
      if (reference.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "a value of another kind";
    }
    if (Number.class.isAssignableFrom(type) || type == double.class || type == int.class || type == long.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a single value (text)";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(type) || type.getName().startsWith("dev.churn.")) {
      return "a mapping of fields (name: value)";
    }
    return "a value of another kind";
  }
}
