package dev.churn.pipelines.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.churn.models.registry.Json;
import dev.churn.pipelines.rows.ScoreRows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.beam.sdk.values.Row;

/**
 * Labelled predictions of one model choice, one JSON line per customer:
 * {@code {"customer_id", "segment", "churned", "churn_probability", "sensitive": {...}}}, read back
 * in customer-id order.
 */
public final class LabelledPredictions {
  static final String FILE_PREFIX = "predictions";

  public final String[] ids;
  public final String[] segments;
  public final double[] labels;
  public final double[] probabilities;
  /** Per sensitive attribute, each customer's group. */
  public final Map<String, String[]> groups;

  private LabelledPredictions(List<JsonNode> rows) {
    int n = rows.size();
    ids = new String[n];
    segments = new String[n];
    labels = new double[n];
    probabilities = new double[n];
    groups = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      JsonNode row = rows.get(i);
      ids[i] = row.get(ScoreRows.CUSTOMER_ID).asText();
      segments[i] = row.get(ScoreRows.SEGMENT).asText();
      labels[i] = row.get(ScoreRows.LABEL).asBoolean() ? 1 : 0;
      probabilities[i] = row.get(ScoreRows.CHURN_PROBABILITY).asDouble();
      int at = i;
      row.get(ScoreRows.SENSITIVE)
          .fields()
          .forEachRemaining(e -> groups.computeIfAbsent(e.getKey(), k -> new String[n])[at] = e.getValue().asText());
    }
  }

  static String toJson(Row score) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put(ScoreRows.CUSTOMER_ID, score.getString(ScoreRows.CUSTOMER_ID));
    node.put(ScoreRows.SEGMENT, score.getString(ScoreRows.SEGMENT));
    node.put(ScoreRows.LABEL, Boolean.TRUE.equals(score.getBoolean(ScoreRows.LABEL)));
    node.put(ScoreRows.CHURN_PROBABILITY, score.getDouble(ScoreRows.CHURN_PROBABILITY));
    ObjectNode sensitive = node.putObject(ScoreRows.SENSITIVE);
    Map<String, String> groups = score.getMap(ScoreRows.SENSITIVE);
    groups.forEach(sensitive::put);
    try {
      return Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads the files {@link EvaluatePipeline} wrote for one choice. */
  public static LabelledPredictions read(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      List<JsonNode> rows = new ArrayList<>();
      for (Path file : files.filter(f -> f.getFileName().toString().startsWith(FILE_PREFIX)).sorted().collect(Collectors.toList())) {
        for (String line : Files.readAllLines(file)) {
          rows.add(Json.MAPPER.readTree(line));
        }
      }
      rows.sort((a, b) -> a.get(ScoreRows.CUSTOMER_ID).asText().compareTo(b.get(ScoreRows.CUSTOMER_ID).asText()));
      return new LabelledPredictions(rows);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read predictions in " + folder + ": " + e.getMessage(), e);
    }
  }

  /** Positions of the customers that pass {@code test}. */
  public int[] positions(IntPredicate test) {
    return IntStream.range(0, ids.length).filter(test).toArray();
  }

  public static double[] pick(double[] values, int[] positions) {
    return IntStream.of(positions).mapToDouble(p -> values[p]).toArray();
  }

  public static String[] pick(String[] values, int[] positions) {
    return IntStream.of(positions).mapToObj(p -> values[p]).toArray(String[]::new);
  }
}
