package dev.churn.pipelines.score;

import dev.churn.models.registry.ModelChoice;
import dev.churn.models.registry.ModelRegistry;
import dev.churn.models.registry.ModelVersion;
import dev.churn.models.score.ChurnScorer;
import dev.churn.models.score.Score;
import dev.churn.pipelines.rows.ScoreRowFormat;
import dev.churn.pipelines.storage.RegistryLocation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores customers with the scoring core ({@link ChurnScorer}) of the version the {@link ModelChoice}
 * names for their segment, and emits each score as a row of its {@link ScoreRowFormat}. What it adds to
 * the core is Beam's side: customers are buffered and scored in batches per segment (the core makes one
 * forward pass per batch, much faster than one per customer), flushed when full and at the end of a
 * bundle; and, when streaming, it follows the registry's champions.
 */
public final class ScoreCustomersFn extends DoFn<Row, Row> {
  private static final int BATCH = 256;

  private final RegistryLocation registryLocation;
  private final ModelChoice initialChoice;
  private final String segmentColumn;
  private final String runId;
  private final Instant scoredAt;
  private final ScoreRowFormat format;

  /** Seconds between checks for new champions; 0 to keep the versions it started with. */
  private long refreshSeconds;
  private TreeSet<String> availableFeatures;

  private transient ModelRegistry registry;
  private transient ModelChoice choice;
  private transient long checkedAt;
  private transient Map<String, ChurnScorer> scorers;
  private transient Map<String, List<Pending>> pending;
  private transient int pendingCount;
  /** The earliest timestamp among the pending customers, and whether they all share one window. */
  private transient Instant earliestPending;
  private transient BoundedWindow pendingWindow;
  private transient boolean pendingInOneWindow;

  /**
   * @param scoredAt the time written in score rows; null for each customer's own timestamp (streaming:
   *     the time its features are as of)
   */
  public ScoreCustomersFn(
      RegistryLocation registryLocation, ModelChoice choice, String segmentColumn, String runId, Instant scoredAt, ScoreRowFormat format) {
    this.registryLocation = registryLocation;
    this.initialChoice = choice;
    this.segmentColumn = segmentColumn;
    this.runId = runId;
    this.scoredAt = scoredAt;
    this.format = format;
  }

  public Schema outputSchema() {
    return format.schema();
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

  /** Opens the registry and loads the versions it starts with, once per instance. */
  void open() {
    registry = registryLocation.open();
    choice = initialChoice;
    scorers = load(choice);
    checkedAt = System.currentTimeMillis();
  }

  /** The versions it scores with now. */
  ModelChoice currentChoice() {
    return choice;
  }

  private Map<String, ChurnScorer> load(ModelChoice models) {
    Map<String, ChurnScorer> loaded = new HashMap<>();
    for (String version : models.versions()) {
      loaded.put(version, new ChurnScorer(ModelVersion.load(registry, version), segmentColumn));
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
    Map<String, ChurnScorer> loaded = load(champions);
    for (ChurnScorer scorer : loaded.values()) {
      ModelVersion version = scorer.version();
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
    scorers = loaded;
  }

  private static final Logger LOG = LoggerFactory.getLogger(ScoreCustomersFn.class);

  @StartBundle
  public void startBundle(StartBundleContext context) {
    if (registry == null) {
      open();
    }
    pending = new HashMap<>();
    pendingCount = 0;
    refreshChampions();
  }

  @ProcessElement
  public void process(@Element Row customer, @Timestamp Instant timestamp, BoundedWindow window, OutputReceiver<Row> out) {
    String segment = ChurnScorer.segmentOf(customer, segmentColumn);
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
    List<Row> customers = new ArrayList<>(batch.size());
    batch.forEach(p -> customers.add(p.customer));
    List<Score> scores = scorers.get(choice.versionFor(segment)).score(segment, customers);
    for (int k = 0; k < batch.size(); k++) {
      Pending p = batch.get(k);
      emitter.emit(format.row(scores.get(k), p.customer, runId, scoredAt != null ? scoredAt : p.timestamp), p);
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
