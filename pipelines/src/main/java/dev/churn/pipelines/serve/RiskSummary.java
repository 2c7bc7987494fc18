package dev.churn.pipelines.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.churn.models.score.Score;
import dev.churn.pipelines.rows.ScoreRows;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * What the endpoint's page shows of a set of scores: per segment, how many customers and how many at
 * high risk, the {@value #HIGHEST} highest-risk customers with their reasons, and the {@value #REASONS}
 * most frequent reasons (counted as the monitoring report counts them, {@link ScoreRows#reasonKey}).
 */
public final class RiskSummary {
  static final int HIGHEST = 10;
  static final int REASONS = 5;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** Highest probability first; equal ones by customer id, so that the order never depends on reading order. */
  private static final Comparator<Score> RISKIEST_FIRST =
      Comparator.comparingDouble((Score s) -> s.churnProbability).reversed().thenComparing(s -> s.customerId);

  private final String source;
  private final Map<String, Segment> segments = new TreeMap<>();

  private static final class Segment {
    long customers;
    long highRisk;
    double probabilitySum;
    /** The riskiest so far, the least risky of them at the head. */
    final PriorityQueue<Score> highest = new PriorityQueue<>(RISKIEST_FIRST.reversed());
    final Map<String, Long> reasons = new HashMap<>();
  }

  /** An empty summary of the scores that {@code source} describes ("run r1 in churn_scores at jdbc:h2:..."). */
  RiskSummary(String source) {
    this.source = source;
  }

  void add(Score score) {
    Segment segment = segments.computeIfAbsent(score.segment, s -> new Segment());
    segment.customers++;
    segment.highRisk += "high".equals(score.riskBand) ? 1 : 0;
    segment.probabilitySum += score.churnProbability;
    segment.highest.add(score);
    if (segment.highest.size() > HIGHEST) {
      segment.highest.poll();
    }
    score.reasons.forEach(reason -> segment.reasons.merge(ScoreRows.reasonKey(reason), 1L, Long::sum));
  }

  /** {@code {"source": ..., "segments": [{"segment", "customers", "high_risk", "mean_probability", "highest": [...], "reasons": [...]}]}}. */
  byte[] json() {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("source", source);
    ArrayNode list = root.putArray("segments");
    segments.forEach(
        (name, segment) -> {
          ObjectNode node = list.addObject();
          node.put("segment", name);
          node.put("customers", segment.customers);
          node.put("high_risk", segment.highRisk);
          node.put("mean_probability", segment.probabilitySum / segment.customers);
          ArrayNode highest = node.putArray("highest");
          List<Score> riskiest = new ArrayList<>(segment.highest);
          riskiest.sort(RISKIEST_FIRST);
          for (Score score : riskiest) {
            ObjectNode customer = highest.addObject();
            customer.put("customer_id", score.customerId);
            customer.put("churn_probability", score.churnProbability);
            customer.put("risk_band", score.riskBand);
            customer.put("model_version", score.modelVersion);
            score.reasons.forEach(customer.putArray("reasons")::add);
          }
          ArrayNode reasons = node.putArray("reasons");
          segment.reasons.entrySet().stream()
              .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
              .limit(REASONS)
              .forEach(e -> reasons.addObject().put("reason", e.getKey()).put("customers", e.getValue()));
        });
    try {
      return MAPPER.writeValueAsBytes(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
