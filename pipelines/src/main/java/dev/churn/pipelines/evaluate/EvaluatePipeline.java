package dev.churn.pipelines.evaluate;

import dev.churn.models.evaluate.EvaluationReport;
import dev.churn.models.registry.Json;
import dev.churn.pipelines.CustomerInput;
import dev.churn.pipelines.score.ScorePipeline;
import dev.churn.pipelines.score.ScoreRows;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;

/**
 * The evaluation pipeline: scores a labelled customers file with a registered version and writes one
 * JSON object of metrics ({@link EvaluationReport}) to {@code OUTPUT/evaluation.json}.
 */
public final class EvaluatePipeline {
  public static final String REPORT_FILE = "evaluation.json";

  private EvaluatePipeline() {}

  public static void build(
      Pipeline pipeline, CustomerInput input, String registry, String version, double threshold, String outputFolder) {
    var records = pipeline.apply("ReadCustomers", input.read());
    ScorePipeline.score(records.customers(), input, registry, version, "evaluate", Instant.now(), true)
        .apply("ComputeMetrics", Combine.globally(new MetricsFn(threshold)))
        .apply("WriteReport", TextIO.write().to(outputFolder + "/" + REPORT_FILE).withoutSharding());
  }

  /** The scored customers needed for the metrics. */
  static final class Scored implements Serializable {
    private static final long serialVersionUID = 1L;
    final List<String> segments = new ArrayList<>();
    final List<Double> labels = new ArrayList<>();
    final List<Double> probabilities = new ArrayList<>();

    // Beam compares accumulators to detect mutation; equal contents must compare equal
    @Override
    public boolean equals(Object o) {
      return o instanceof Scored
          && segments.equals(((Scored) o).segments)
          && labels.equals(((Scored) o).labels)
          && probabilities.equals(((Scored) o).probabilities);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(segments, labels, probabilities);
    }
  }

  static final class MetricsFn extends Combine.CombineFn<Row, Scored, String> {
    private final double threshold;

    MetricsFn(double threshold) {
      this.threshold = threshold;
    }

    @Override
    public Scored createAccumulator() {
      return new Scored();
    }

    @Override
    public Scored addInput(Scored scored, Row score) {
      scored.segments.add(score.getString(ScoreRows.SEGMENT));
      scored.labels.add(Boolean.TRUE.equals(score.getBoolean(ScoreRows.LABEL)) ? 1.0 : 0.0);
      scored.probabilities.add(score.getDouble(ScoreRows.CHURN_PROBABILITY));
      return scored;
    }

    @Override
    public Scored mergeAccumulators(Iterable<Scored> parts) {
      Scored merged = new Scored();
      for (Scored part : parts) {
        merged.segments.addAll(part.segments);
        merged.labels.addAll(part.labels);
        merged.probabilities.addAll(part.probabilities);
      }
      return merged;
    }

    @Override
    public String extractOutput(Scored scored) {
      try {
        return Json.MAPPER
            .writer()
            .without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
            .writeValueAsString(
                EvaluationReport.of(
                    scored.segments.toArray(new String[0]),
                    scored.labels.stream().mapToDouble(Double::doubleValue).toArray(),
                    scored.probabilities.stream().mapToDouble(Double::doubleValue).toArray(),
                    threshold));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public Coder<Scored> getAccumulatorCoder(CoderRegistry registry, Coder<Row> inputCoder) {
      return SerializableCoder.of(Scored.class);
    }
  }
}
