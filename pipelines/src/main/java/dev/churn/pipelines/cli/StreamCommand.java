package dev.churn.pipelines.cli;

import dev.churn.models.registry.ModelChoice;
import dev.churn.models.registry.ModelVersion;
import dev.churn.pipelines.ReadCounts;
import dev.churn.pipelines.sink.ScoreTable;
import dev.churn.pipelines.storage.OutputFolder;
import dev.churn.pipelines.stream.EventHubs;
import dev.churn.pipelines.stream.KafkaSource;
import dev.churn.pipelines.stream.StreamPipeline;
import dev.churn.transforms.InvalidInputException;
import dev.churn.pipelines.storage.RegistryLocation;
import dev.churn.transforms.Progress;
import dev.churn.transforms.events.Device;
import dev.churn.transforms.events.EventInput;
import dev.churn.transforms.events.Interaction;
import dev.churn.transforms.schema.DatasetSchema;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.StreamingOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code churn stream}: scores customers continuously from telemetry in Kafka or Azure Event Hubs. */
@Command(
    name = "stream",
    mixinStandardHelpOptions = true,
    description = "Read telemetry from Kafka or Event Hubs, keep customer features up to date in event time and re-score affected customers.")
public final class StreamCommand implements Callable<Integer> {
  @Mixin ScoringInputOptions inputs;

  @Option(names = "--devices", required = true, description = "device registry CSV (device_id, customer_id, installed_at)")
  String devices;

  @Option(names = "--interactions", description = "interactions (CSV or JSON lines), when the models use interaction features")
  String interactions;

  @Option(names = "--bootstrap-servers", description = "Kafka brokers, HOST:PORT[,HOST:PORT]")
  String bootstrapServers;

  @Option(names = "--eventhubs-namespace", description = "read from Azure Event Hubs in this namespace (its Kafka endpoint); the connection string comes from $" + EventHubs.CONNECTION_STRING_ENV + " or --eventhubs-connection-string-file")
  String eventHubsNamespace;

  @Option(names = "--eventhubs-connection-string-file", description = "file holding the Event Hubs connection string")
  Path connectionStringFile;

  @Option(names = "--topic", required = true, description = "Kafka topic (or event hub) with the telemetry messages")
  String topic;

  @Option(names = "--consumer-group", defaultValue = "churn-stream", description = "Kafka consumer group (default: ${DEFAULT-VALUE})")
  String consumerGroup;

  @Option(names = "--emit-every", defaultValue = "1h", description = "features and scores as of the end of each interval of this length: 30s, 15m, 1h (default: ${DEFAULT-VALUE})")
  String emitEvery;

  @Option(names = "--allowed-lateness", defaultValue = "10m", description = "a reading this late still corrects its customer's last score (default: ${DEFAULT-VALUE})")
  String allowedLateness;

  @Option(names = "--max-delay", defaultValue = "1m", description = "how far out of order messages may arrive before the watermark passes them (default: ${DEFAULT-VALUE})")
  String maxDelay;

  @Option(names = "--model-refresh", defaultValue = "60s", description = "how often to look for new champions in the registry (default: ${DEFAULT-VALUE})")
  String modelRefresh;

  @Option(names = "--max-records", description = "stop after this many messages; Beam shares the count among the topic's partitions (default: run until stopped)")
  Long maxRecords;

  @Option(names = "--max-read-time", description = "stop reading after this long, such as 10m (default: run until stopped)")
  String maxReadTime;

  @Option(names = "--output", description = "local folder or azfs://ACCOUNT/CONTAINER/path for scores-*.csv and dead-letters-*.jsonl, one set per interval")
  String output;

  @Option(names = "--run-id", description = "id of this stream's score rows (default: a new id)")
  String runId;

  @Mixin JdbcOptions jdbc;

  @Mixin RunnerOptions runner;

  @Override
  public Integer call() {
    if (output == null && jdbc.jdbcUrl == null) {
      throw new InvalidInputException("give --output, --jdbc-url or both: where should the scores go?");
    }
    PipelineOptions options = runner.pipelineOptions();
    RegistryLocation registry = inputs.registry(runner);
    ModelChoice models = inputs.models(registry);
    ModelVersion version = inputs.load(registry, models);
    DatasetSchema schema = inputs.schema(version);
    if (!schema.hasFeatures() || !schema.features.telemetry) {
      throw new InvalidInputException("model version " + version.version() + " uses no telemetry features: train it with --telemetry to score from a stream");
    }
    if (schema.features.interactions && interactions == null) {
      throw new InvalidInputException("model version " + version.version() + " was trained with interaction features: give --interactions");
    }
    StreamPipeline.Job job = new StreamPipeline.Job();
    job.customers = inputs.input(version, false);
    job.devices = EventInput.check("devices", devices, Device.REQUIRED_COLUMNS);
    job.interactions = schema.features.interactions ? EventInput.check("interactions", interactions, Interaction.REQUIRED_COLUMNS) : null;
    KafkaSource.Settings kafka = kafkaSettings();
    job.telemetry = new KafkaSource(kafka, null);
    job.registry = registry;
    job.models = models;
    job.refreshSeconds = inputs.modelVersion == null ? Math.max(1, Math.round(seconds("--model-refresh", modelRefresh))) : 0;
    job.runId = runId != null ? ScoreCommand.checkRunId(runId) : "stream-" + ScoreCommand.newRunId();
    job.emitEverySeconds = seconds("--emit-every", emitEvery);
    job.allowedLatenessSeconds = seconds("--allowed-lateness", allowedLateness);
    job.outputFolder = output == null ? null : OutputFolder.normalize(output);
    job.table = jdbc.table(ScoreTable.DEFAULT_NAME);
    if (job.table != null) {
      job.table.createIfMissing();
    }

    options.as(StreamingOptions.class).setStreaming(true);
    Pipeline pipeline = Pipeline.create(options);
    StreamPipeline.build(pipeline, job);
    Progress.say(String.format(Locale.ROOT, "run %s: scoring customers from %s with %s%s, every %s of event time",
        job.runId, kafka, models,
        job.refreshSeconds > 0 ? " (following new champions)" : "", emitEvery));
    PipelineResult result = RunnerOptions.runToEnd(pipeline, "streaming run " + job.runId);
    Progress.say(ReadCounts.of(result).summary());
    if (output != null) {
      System.out.printf("scores: %s/scores-*.csv%n", job.outputFolder);
    }
    if (job.table != null) {
      System.out.printf("scores table: %s in %s%n", job.table.table(), job.table.displayUrl());
    }
    return ChurnCli.OK;
  }

  private KafkaSource.Settings kafkaSettings() {
    if ((bootstrapServers == null) == (eventHubsNamespace == null)) {
      throw new InvalidInputException("give one of --bootstrap-servers (Kafka) and --eventhubs-namespace (Azure Event Hubs)");
    }
    KafkaSource.Settings settings = new KafkaSource.Settings();
    settings.topic = topic;
    settings.consumerGroup = consumerGroup;
    settings.maxRecords = maxRecords;
    settings.maxReadSeconds = maxReadTime == null ? null : seconds("--max-read-time", maxReadTime);
    settings.maxDelaySeconds = seconds("--max-delay", maxDelay);
    if (eventHubsNamespace != null) {
      settings.bootstrapServers = EventHubs.bootstrapServers(eventHubsNamespace);
      settings.consumerConfig = EventHubs.consumerConfig();
      settings.secretConfig = EventHubs.secretConfig(EventHubs.connectionString(connectionStringFile, System.getenv()));
    } else {
      settings.bootstrapServers = bootstrapServers;
    }
    return settings;
  }

  /** A duration such as {@code 90s}, {@code 15m}, {@code 1h}, {@code 2d} (or plain seconds), in seconds. */
  static double seconds(String option, String text) {
    Matcher m = Pattern.compile("(\\d+(?:\\.\\d+)?)([smhd]?)").matcher(text.trim());
    if (!m.matches() || Double.parseDouble(m.group(1)) <= 0) {
      throw new InvalidInputException(option + " '" + text + "': expected a positive duration such as 30s, 15m, 1h or 2d");
    }
    double value = Double.parseDouble(m.group(1));
    switch (m.group(2)) {
      case "m":
        return value * 60;
      case "h":
        return value * 3600;
      case "d":
        return value * 86400;
      default:
        return value;
    }
  }
}
