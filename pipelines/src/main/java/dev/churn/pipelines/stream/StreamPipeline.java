package dev.churn.pipelines.stream;

import dev.churn.models.registry.ModelChoice;
import dev.churn.pipelines.input.CustomerInput;
import dev.churn.pipelines.rows.ScoreRowFormat;
import dev.churn.pipelines.rows.ScoreRows;
import dev.churn.pipelines.score.ScoreCustomersFn;
import dev.churn.pipelines.online.OnlineStore;
import dev.churn.pipelines.online.WriteOnlineFeaturesFn;
import dev.churn.pipelines.sink.ScoreTable;
import dev.churn.pipelines.sink.WriteScoresToJdbc;
import dev.churn.pipelines.storage.RegistryLocation;
import dev.churn.transforms.customers.CustomerRecords;
import dev.churn.transforms.customers.DeadLetter;
import dev.churn.transforms.events.CustomerEvents;
import dev.churn.transforms.events.EventInput;
import dev.churn.transforms.features.StreamFeatures;
import dev.churn.transforms.io.SourceLine;
import dev.churn.transforms.schema.DatasetSchema;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;

/**
 * The streaming pipeline: telemetry from a source in event time, features kept up to date per customer
 * ({@link StreamFeatures}), each affected customer re-scored with the current champion models, score
 * rows written to the same sinks as batch scoring. The JDBC table keeps each customer's latest score of
 * the run (an upsert per emission); files get one set per emission interval, as CSV with a header.
 */
public final class StreamPipeline {
  private StreamPipeline() {}

  /** What to read, score with and write to. */
  public static final class Job {
    public CustomerInput customers;
    public EventInput devices;
    /** Null when the models use no interaction features. */
    public EventInput interactions;
    public PTransform<PBegin, PCollection<SourceLine>> telemetry;
    public RegistryLocation registry;
    public ModelChoice models;
    /** Seconds between checks for new champions; 0 to keep {@link #models}. */
    public long refreshSeconds;
    public String runId;
    public double emitEverySeconds = 3600;
    public double allowedLatenessSeconds = 600;
    /** Null for no files. */
    public String outputFolder;
    /** Null for no JDBC table. */
    public ScoreTable table;
    /** Null for no online store. */
    public OnlineStore onlineStore;
  }

  public static void build(Pipeline pipeline, Job job) {
    DatasetSchema schema = job.customers.schema();
    CustomerRecords customers = pipeline.apply("ReadCustomers", job.customers.read());
    CustomerEvents events = CustomerEvents.read(pipeline, null, job.devices, job.interactions);
    StreamFeatures.Result features =
        pipeline
            .apply("ReadTelemetry", job.telemetry)
            .apply("Features", StreamFeatures.of(schema, customers.customers(), events, null, job.emitEverySeconds, job.allowedLatenessSeconds));

    Set<String> featureNames = new TreeSet<>();
    schema.features.columns().forEach(c -> featureNames.add(c.name));
    ScoreCustomersFn score =
        new ScoreCustomersFn(job.registry, job.models, schema.hasSegment() ? schema.segment : null, job.runId, null, ScoreRowFormat.SCORES)
            .refreshingChampionsEvery(job.refreshSeconds, featureNames);
    PCollection<Row> scores = features.features.apply("ScoreCustomers", ParDo.of(score)).setRowSchema(score.outputSchema());

    if (job.table != null) {
      scores.apply("WriteJdbc", WriteScoresToJdbc.into(job.table));
    }
    if (job.onlineStore != null) {
      features.features.apply("WriteOnlineStore", ParDo.of(new WriteOnlineFeaturesFn(job.onlineStore, schema, null)));
    }
    if (job.outputFolder != null) {
      Window<String> interval = interval(job);
      scores
          .apply("ToCsv", MapElements.into(TypeDescriptors.strings()).via(ScoreRows::toCsv))
          .apply("ScoresByInterval", interval)
          .apply(
              "WriteCsv",
              TextIO.write().to(job.outputFolder + "/scores-").withSuffix(".csv").withHeader(ScoreRows.csvHeader()).withWindowedWrites().withNumShards(1));
    }
    PCollection<DeadLetter> deadLetters =
        PCollectionList.of(customers.deadLetters())
            .and(events.deadLetters)
            .and(features.deadLetters)
            .apply("AllDeadLetters", Flatten.pCollections())
            .setCoder(DeadLetter.CODER);
    if (job.outputFolder != null) {
      deadLetters
          .apply("DeadLettersToJson", MapElements.into(TypeDescriptors.strings()).via(DeadLetter::toJson))
          .apply("DeadLettersByInterval", interval(job))
          .apply("WriteDeadLetters", TextIO.write().to(job.outputFolder + "/dead-letters-").withSuffix(".jsonl").withWindowedWrites().withNumShards(1));
    }
  }

  /** Windows of one emission interval, open for late corrections as long as the features are. */
  private static Window<String> interval(Job job) {
    return Window.<String>into(FixedWindows.of(Duration.millis(Math.round(job.emitEverySeconds * 1000))))
        .withAllowedLateness(Duration.millis(Math.round(job.allowedLatenessSeconds * 1000)))
        .discardingFiredPanes();
  }
}
