package dev.churn.pipelines.score;

import dev.churn.models.ChurnModel;
import dev.churn.models.registry.ModelChoice;
import dev.churn.models.registry.ModelRegistry;
import dev.churn.models.registry.ModelVersion;
import dev.churn.pipelines.storage.ModelRegistries;
import dev.churn.transforms.schema.DatasetSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.io.azure.options.BlobstoreOptions;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores customers with the model of their segment (from the version the {@link ModelChoice} names for
 * it, with that version's preparation and thresholds) and explains each score with its top reasons.
 * Customers are buffered and scored in batches per segment model (one forward pass per batch), which is
 * much faster than one pass per customer; the buffer is flushed when full and at the end of a bundle.
 */
public final class ScoreCustomersFn extends DoFn<Row, Row> {
  private static final int BATCH = 256;

  private final String registryRoot;
  private final ModelChoice initialChoice;
  private final String segmentColumn;
  private final String runId;
  private final Instant scoredAt;
  private final List<String> sensitive;

  /** Seconds between checks for new champions; 0 to keep the versions it started with. */
  private long refreshSeconds;
  private TreeSet<String> availableFeatures;

  private transient ModelRegistry registry;
  private transient ModelChoice choice;
  private transient long checkedAt;
  private transient Map<String, ModelVersion> versions;
  private transient Map<String, List<Pending>> pending;
  private transient int pendingCount;
  /** The earliest timestamp among the pending customers, and whether they all share one window. */
  private transient Instant earliestPending;
  private transient BoundedWindow pendingWindow;
  private transient boolean pendingInOneWindow;

  /**
   * @param scoredAt the time written in score rows; null for each customer's own timestamp (streaming:
   *     the time its features are as of)
   * @param sensitive null for score rows; for evaluation, the sensitive attributes to add to each row
   *     with its label ({@link ScoreRows#LABELLED_SCHEMA})
   */
  public ScoreCustomersFn(
      String registryRoot, ModelChoice choice, String segmentColumn, String runId, Instant scoredAt, List<String> sensitive) {
    this.registryRoot = registryRoot;
    this.initialChoice = choice;
    this.segmentColumn = segmentColumn;
    this.runId = runId;
    this.scoredAt = scoredAt;
    this.sensitive = sensitive == null ? null : new ArrayList<>(sensitive);
  }

  public Schema outputSchema() {
    return sensitive != null ? ScoreRows.LABELLED_SCHEMA : ScoreRows.SCHEMA;
  }

  /**
   * Follows the registry's champions while running: every {@code seconds} it reads the aliases and,
   * when a segment has a new champion, scores with it from then on (a champion whose event features
   * the stream does not compute is not taken; a warning says so).
   */
  public ScoreCustomersFn refreshingChampionsEvery(long seconds, Set<String> availableFeatures) {
    this.refreshSeconds = seconds;
    this.availableFeatures = new TreeSet<>(availableFeatures);
    return this;
  }

  /**
   * Opens the registry (its blob endpoint, for azfs://, is the pipeline's) and loads the versions it
   * starts with, once per instance.
   */
  void open(String blobEndpoint) {
    registry = ModelRegistries.open(registryRoot, blobEndpoint);
    choice = initialChoice;
    versions = load(choice);
    checkedAt = System.currentTimeMillis();
  }

  /** The versions it scores with now. */
  ModelChoice currentChoice() {
    return choice;
  }

  private Map<String, ModelVersion> load(ModelChoice models) {
    Map<String, ModelVersion> loaded = new HashMap<>();
    for (String version : models.versions()) {
      loaded.put(version, ModelVersion.load(registry, version));
    }
    return loaded;
  }

  void refreshChampions() {
    if (refreshSeconds <= 0 || System.currentTimeMillis() - checkedAt < refreshSeconds * 1000) {
      return;
    }
    checkedAt = System.currentTimeMillis();
    ModelChoice champions = registry.champions();
    if (champions.toString().equals(choice.toString())) {
      return;
    }
    Map<String, ModelVersion> loaded = load(champions);
    for (ModelVersion version : loaded.values()) {
      Set<String> needed = new TreeSet<>();
      if (version.metadata().schema.hasFeatures()) {
        version.metadata().schema.features.columns().forEach(c -> needed.add(c.name));
      }
      if (!availableFeatures.containsAll(needed)) {
        LOG.warn("new champions {} not taken: version {} needs event features this stream does not compute", champions, version.version());
        return;
      }
    }
    LOG.info("scoring with the new champions {} (were {})", champions, choice);
    choice = champions;
    versions = loaded;
  }

  private static final Logger LOG = LoggerFactory.getLogger(ScoreCustomersFn.class);

  @StartBundle
  public void startBundle(StartBundleContext context) {
    if (registry == null) {
      open(context.getPipelineOptions().as(BlobstoreOptions.class).getBlobServiceEndpoint());
    }
    pending = new HashMap<>();
    pendingCount = 0;
    refreshChampions();
  }

  @ProcessElement
  public void process(@Element Row customer, @Timestamp Instant timestamp, BoundedWindow window, OutputReceiver<Row> out) {
    String segment = segmentColumn == null ? "all" : customer.getString(segmentColumn);
    if (pendingCount == 0) {
      earliestPending = timestamp;
      pendingWindow = window;
      pendingInOneWindow = true;
    } else {
      earliestPending = timestamp.isBefore(earliestPending) ? timestamp : earliestPending;
      pendingInOneWindow &= window.equals(pendingWindow);
    }
    pending.computeIfAbsent(segment, s -> new ArrayList<>()).add(new Pending(customer, timestamp, window));
    // While processing a customer, Beam takes only outputs in its window and not earlier than its
    // timestamp. A stream can put an earlier customer (a late reading's correction) in the same bundle
    // as later ones: such a batch waits for the end of the bundle, where any timestamp can be output.
    if (++pendingCount >= BATCH && pendingInOneWindow && !earliestPending.isBefore(timestamp)) {
      flush((row, pendingCustomer) -> out.outputWithTimestamp(row, pendingCustomer.timestamp));
    }
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext context) {
    flush((row, p) -> context.output(row, p.timestamp, p.window));
  }

  private void flush(Emitter emitter) {
    for (Map.Entry<String, List<Pending>> batch : pending.entrySet()) {
      score(batch.getKey(), batch.getValue(), emitter);
    }
    pending.clear();
    pendingCount = 0;
  }

  private void score(String segment, List<Pending> batch, Emitter emitter) {
    ModelVersion models = versions.get(choice.versionFor(segment));
    int probesPerCustomer = models.preprocessing().inputColumns().size() + 1;
    double[][] inputs = new double[batch.size() * probesPerCustomer][];
    int i = 0;
    for (Pending p : batch) {
      for (double[] probe : Reasons.probes(models.preprocessing(), p.customer)) {
        inputs[i++] = probe;
      }
    }
    ChurnModel model = models.modelFor(segment);
    double[] predictions = model.predict(inputs);
    for (int k = 0; k < batch.size(); k++) {
      Row customer = batch.get(k).customer;
      int offset = k * probesPerCustomer;
      double probability = predictions[offset];
      List<String> reasons =
          Reasons.top(models.preprocessing(), customer, predictions, offset, models.hasOwnModel(segment) ? segmentColumn : null);
      Row.Builder row =
          Row.withSchema(outputSchema())
              .addValues(
                  runId,
                  scoredAt != null ? scoredAt : batch.get(k).timestamp,
                  customer.getString(DatasetSchema.ID_FIELD),
                  segment,
                  probability,
                  models.metadata().thresholds.band(probability),
                  models.modelTag(segment));
      for (int r = 0; r < Reasons.COUNT; r++) {
        row.addValue(r < reasons.size() ? reasons.get(r) : null);
      }
      if (sensitive != null) {
        row.addValue(customer.getBoolean(DatasetSchema.LABEL_FIELD));
        Map<String, String> groups = new TreeMap<>();
        for (String attribute : sensitive) {
          groups.put(attribute, DatasetSchema.groupOf(customer, attribute));
        }
        row.addValue(groups);
      }
      emitter.emit(row.build(), batch.get(k));
    }
  }

  private interface Emitter {
    void emit(Row score, Pending customer);
  }

  private static final class Pending {
    final Row customer;
    final Instant timestamp;
    final BoundedWindow window;

    Pending(Row customer, Instant timestamp, BoundedWindow window) {
      this.customer = customer;
      this.timestamp = timestamp;
      this.window = window;
    }
  }
}
