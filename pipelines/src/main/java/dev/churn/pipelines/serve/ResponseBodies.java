package dev.churn.pipelines.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.churn.models.registry.ModelVersion;
import dev.churn.models.registry.VersionMetadata;
import dev.churn.models.score.Score;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** The JSON bodies of the endpoint's answers: the scores of {@code POST /v1/score}, {@code GET /v1/models}. */
final class ResponseBodies {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFactory JSON = MAPPER.getFactory();

  private ResponseBodies() {}

  /**
   * {@code {"scores": [...]}}, one object per score; with {@code featureSources} (a schema with event
   * features), each says where its event features came from.
   */
  static byte[] scores(List<Score> scores, String[] featureSources) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + 256 * scores.size());
    try (JsonGenerator json = JSON.createGenerator(bytes)) {
      json.writeStartObject();
      json.writeArrayFieldStart("scores");
      for (int i = 0; i < scores.size(); i++) {
        Score score = scores.get(i);
        json.writeStartObject();
        json.writeStringField("customer_id", score.customerId);
        json.writeStringField("segment", score.segment);
        json.writeNumberField("churn_probability", score.churnProbability);
        json.writeStringField("risk_band", score.riskBand);
        json.writeStringField("model_version", score.modelVersion);
        json.writeArrayFieldStart("reasons");
        for (String reason : score.reasons) {
          json.writeString(reason);
        }
        json.writeEndArray();
        if (featureSources != null) {
          json.writeStringField("event_features", featureSources[i]);
        }
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    return bytes.toByteArray();
  }

  /** Which version serves each segment, and what each version served holds. */
  static byte[] models(ServedVersions served, boolean pinned) throws IOException {
    ObjectNode description = MAPPER.createObjectNode();
    description.put("serving", served.choice().toString());
    description.put("default_version", served.choice().defaultVersion());
    description.put("follows_champions", !pinned);
    ObjectNode segments = description.putObject("segments");
    ObjectNode versions = description.putObject("versions");
    for (Map.Entry<String, ModelVersion> entry : served.versions().entrySet()) {
      VersionMetadata metadata = entry.getValue().metadata();
      ObjectNode version = versions.putObject(entry.getKey());
      version.put("created_at", metadata.createdAt);
      version.put("cv_roc_auc", metadata.overall.rocAuc);
      ObjectNode segmentModels = version.putObject("segments");
      metadata.segments.forEach(
          (segment, model) -> {
            segmentModels.putObject(segment).put("source", model.source).put("candidate", model.candidate);
            if (entry.getKey().equals(served.choice().versionFor(segment))) {
              segments.put(segment, entry.getValue().modelTag(segment));
            }
          });
    }
    return MAPPER.writeValueAsBytes(description);
  }
}
