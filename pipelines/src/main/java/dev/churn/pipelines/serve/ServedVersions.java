package dev.churn.pipelines.serve;

import dev.churn.models.registry.ModelChoice;
import dev.churn.models.registry.ModelVersion;
import dev.churn.models.score.ChurnScorer;
import dev.churn.models.score.Score;
import dev.churn.transforms.customers.CustomerParser;
import dev.churn.transforms.features.AddFeatures;
import dev.churn.transforms.features.CustomerFeatures;
import dev.churn.transforms.schema.DatasetSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * One set of versions the endpoint serves, loaded whole and never changed: the choice of version per
 * segment, each version's scoring core (whose models many threads can call at once), and the
 * default version's schema, which customers are read with (as {@code churn score} reads them).
 */
public final class ServedVersions {
  private final ModelChoice choice;
  private final Map<String, ModelVersion> versions;
  private final Map<String, ChurnScorer> scorers = new LinkedHashMap<>();
  private final DatasetSchema schema;
  private final String segmentColumn;
  private final CustomerParser parser;
  private final Schema featureRowSchema;
  private final Double[] featuresWithoutEvents;

  ServedVersions(ModelChoice choice, Map<String, ModelVersion> versions) {
    this.choice = choice;
    this.versions = Map.copyOf(versions);
    this.schema = versions.get(choice.defaultVersion()).metadata().schema;
    this.segmentColumn = schema.hasSegment() ? schema.segment : null;
    versions.forEach((name, version) -> scorers.put(name, new ChurnScorer(version, segmentColumn)));
    this.parser = new CustomerParser(schema, false);
    this.featureRowSchema = schema.featureRowSchema();
    this.featuresWithoutEvents =
        schema.hasFeatures() ? CustomerFeatures.compute(schema.features, 0, List.of(), List.of(), List.of()) : new Double[0];
  }

  public ModelChoice choice() {
    return choice;
  }

  public Map<String, ModelVersion> versions() {
    return versions;
  }

  /** The schema customers are read with. */
  public DatasetSchema schema() {
    return schema;
  }

  CustomerParser parser() {
    return parser;
  }

  /**
   * A parsed customer with its event features: the given values in feature order (null entries are
   * missing values), or, when {@code features} is null, those of a customer without events, as batch
   * scoring gives a customer that no event file mentions.
   */
  Row withFeatures(Row customer, Double[] features) {
    if (!schema.hasFeatures()) {
      return customer;
    }
    return AddFeatures.withFeatures(customer, features == null ? featuresWithoutEvents : features, featureRowSchema);
  }

  /** Scores customers (rows of {@link #withFeatures}) in their order, each by its segment's version. */
  public List<Score> score(List<Row> customers) {
    Map<String, List<Integer>> bySegment = new LinkedHashMap<>();
    for (int i = 0; i < customers.size(); i++) {
      bySegment.computeIfAbsent(ChurnScorer.segmentOf(customers.get(i), segmentColumn), s -> new ArrayList<>()).add(i);
    }
    Score[] scores = new Score[customers.size()];
    bySegment.forEach(
        (segment, positions) -> {
          List<Row> batch = new ArrayList<>(positions.size());
          positions.forEach(p -> batch.add(customers.get(p)));
          List<Score> scored = scorers.get(choice.versionFor(segment)).score(segment, batch);
          for (int k = 0; k < positions.size(); k++) {
            scores[positions.get(k)] = scored.get(k);
          }
        });
    return List.of(scores);
  }
}
