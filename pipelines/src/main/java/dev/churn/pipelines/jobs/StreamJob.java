package dev.churn.pipelines.jobs;

import dev.churn.models.registry.ModelChoice;
import dev.churn.models.registry.ModelVersion;
import dev.churn.pipelines.input.ReadCounts;
import dev.churn.pipelines.online.OnlineStore;
import dev.churn.pipelines.online.WriteOnlineFeaturesFn;
import dev.churn.pipelines.sink.ScoreTable;
import dev.churn.pipelines.storage.OutputFolder;
import dev.churn.pipelines.stream.KafkaSource;
import dev.churn.pipelines.stream.StreamPipeline;
import dev.churn.transforms.InvalidInputException;
import dev.churn.transforms.Progress;
import dev.churn.transforms.events.Device;
import dev.churn.transforms.events.EventInput;
import dev.churn.transforms.events.Interaction;
import dev.churn.transforms.schema.DatasetSchema;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.StreamingOptions;

/**
 * Scores customers continuously from telemetry in Kafka or Azure Event Hubs: keeps each customer's
 * features up to date in event time and re-scores the customers whose devices reported.
 */
public final class StreamJob {
  private StreamJob() {}

  public static final class Request {
    public Execution execution;
    /** The customers and the registry; its event inputs are not used (the stream has its own). */
    public ScoringInputs inputs;
    public String devices;
    /** Null unless the models use interaction features. */
    public String interactions;
    public KafkaSource.Settings kafka;
    /** How often to follow new champions, in seconds; 0 to keep the versions it started with. */
    public long refreshSeconds;
    public String runId;
    public double emitEverySeconds;
    public double allowedLatenessSeconds;
    /** Null for no files. */
    public String output;
    /** Null for no table. */
    public ScoreTable table;
    /** Where each customer's latest event features go; null for nowhere. */
    public OnlineStore onlineStore;
    /** Asked while the stream runs: true stops it (SIGTERM), and the run ends as finished. */
    public BooleanSupplier stopRequested = () -> false;
  }

  public static final class Result {
    public String runId;
    public ReadCounts counts;
    /** The folder of the score files, or null. */
    public String output;
    public ScoreTable table;
    public OnlineStore onlineStore;
    /** Feature rows written to the online store (late corrections included). */
    public long onlineFeaturesWritten;
  }

  public static Result run(Request request) {
    if (request.output == null && request.table == null && request.onlineStore == null) {
      throw new InvalidInputException("give --output, --jdbc-url, --online-store or several: where should the scores and features go?");
    }
    PipelineOptions options = request.execution.pipelineOptions("stream", request.inputs.registry);
    ScoringInputs inputs = request.inputs;
    ModelChoice models = inputs.models();
    ModelVersion version = inputs.load(models);
    DatasetSchema schema = inputs.schema(version);
    if (!schema.hasFeatures() || !schema.features.telemetry) {
      throw new InvalidInputException("model version " + version.version() + " uses no telemetry features: train it with --telemetry to score from a stream");
    }
    if (schema.features.interactions && request.interactions == null) {
      throw new InvalidInputException("model version " + version.version() + " was trained with interaction features: give --interactions");
    }
    StreamPipeline.Job job = new StreamPipeline.Job();
    job.customers = inputs.customersOnly(version, false);
    job.devices = EventInput.check("devices", request.devices, Device.REQUIRED_COLUMNS);
    job.interactions = schema.features.interactions ? EventInput.check("interactions", request.interactions, Interaction.REQUIRED_COLUMNS) : null;
    job.telemetry = new KafkaSource(request.kafka, null);
    job.registry = inputs.registry;
    job.models = models;
    job.refreshSeconds = request.refreshSeconds;
    job.runId = request.runId;
    job.emitEverySeconds = request.emitEverySeconds;
    job.allowedLatenessSeconds = request.allowedLatenessSeconds;
    job.outputFolder = request.output == null ? null : OutputFolder.normalize(request.output);
    job.table = request.table;
    job.onlineStore = request.onlineStore;
    if (job.table != null) {
      job.table.createIfMissing();
    }
    options.as(StreamingOptions.class).setStreaming(true);
    Pipeline pipeline = Pipeline.create(options);
    StreamPipeline.build(pipeline, job);
    Progress.say(String.format(Locale.ROOT, "run %s: scoring customers from %s with %s%s, every %.0f s of event time",
        job.runId, request.kafka, models, job.refreshSeconds > 0 ? " (following new champions)" : "", request.emitEverySeconds));
    PipelineResult finished = Execution.runToEnd(pipeline, "streaming run " + job.runId, request.stopRequested);
    Result result = new Result();
    result.runId = job.runId;
    result.counts = ReadCounts.of(finished);
    result.output = job.outputFolder;
    result.table = job.table;
    result.onlineStore = job.onlineStore;
    result.onlineFeaturesWritten = ReadCounts.counter(finished, WriteOnlineFeaturesFn.METRICS, "written");
    Progress.say(result.counts.summary());
    return result;
  }
}
