package dev.churn.pipelines.cli;

import dev.churn.pipelines.jobs.ScoreJob;
import dev.churn.pipelines.jobs.StreamJob;
import dev.churn.pipelines.sink.ScoreTable;
import dev.churn.pipelines.stream.EventHubs;
import dev.churn.pipelines.stream.KafkaSource;
import dev.churn.transforms.InvalidInputException;
import dev.churn.transforms.Progress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  @Mixin OnlineStoreOption onlineStore;

  @Mixin RunnerOptions runner;

  @Override
  public Integer call() {
    StreamJob.Request request = request();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicBoolean ended = new AtomicBoolean();
    request.stopRequested = stop::get;
    StreamJob.Result streamed;
    try (StopSignal signals = StopSignal.onStop("stopping the stream; what it has emitted stays written", () -> stopOrExit(stop, ended))) {
      streamed = StreamJob.run(request);
    } finally {
      ended.set(true);
    }
    if (streamed.output != null) {
      System.out.printf("scores: %s/scores-*.csv%n", streamed.output);
    }
    if (streamed.table != null) {
      System.out.printf("scores table: %s in %s%n", streamed.table.table(), streamed.table.displayUrl());
    }
    if (streamed.onlineStore != null) {
      System.out.printf("online store: %s (%d customers' features written)%n", streamed.onlineStore, streamed.onlineFeaturesWritten);
    }
    return ChurnCli.OK;
  }

  /** How long a stream asked to stop may take before the process exits as the JVM would have. */
  private static final long STOP_GRACE_SECONDS = 30;

  /**
   * Asks the stream to stop; a runner whose run cannot be cancelled from here (Flink's local cluster
   * runs a stream inside {@code run()}) has the process exit after the grace period, as without a handler.
   */
  private static void stopOrExit(AtomicBoolean stop, AtomicBoolean ended) {
    stop.set(true);
    try {
      Thread.sleep(STOP_GRACE_SECONDS * 1000);
    } catch (InterruptedException e) {
      return;
    }
    if (!ended.get()) {
      Progress.say("the stream did not stop within " + STOP_GRACE_SECONDS + " s: exiting (on a Flink cluster, stop it with a savepoint)");
      System.exit(143);
    }
  }

  StreamJob.Request request() {
    StreamJob.Request request = new StreamJob.Request();
    request.execution = runner.execution();
    request.inputs = inputs.inputs(runner, null);
    request.devices = devices;
    request.interactions = interactions;
    request.kafka = kafkaSettings();
    request.refreshSeconds = inputs.modelVersion == null ? Math.max(1, Math.round(seconds("--model-refresh", modelRefresh))) : 0;
    request.runId = runId != null ? ScoreJob.checkRunId(runId) : "stream-" + ScoreJob.newRunId();
    request.emitEverySeconds = seconds("--emit-every", emitEvery);
    request.allowedLatenessSeconds = seconds("--allowed-lateness", allowedLateness);
    request.output = output;
    request.table = jdbc.table(ScoreTable.DEFAULT_NAME);
    request.onlineStore = onlineStore.store();
    return request;
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
