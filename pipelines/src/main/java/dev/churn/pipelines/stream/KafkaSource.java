package dev.churn.pipelines.stream;

import dev.churn.transforms.events.TelemetryReading;
import dev.churn.transforms.io.SourceLine;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.beam.sdk.io.kafka.CustomTimestampPolicyWithLimitedDelay;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Telemetry messages from a Kafka topic (or an Azure Event Hub through its Kafka endpoint) as
 * {@link SourceLine}s ({@code kafka:TOPIC/PARTITION}, offset, message), stamped with the event time in
 * each message's {@code ts}. The watermark of a partition trails its newest event time by
 * {@code maxDelay}: messages up to that much out of order are on time.
 */
public final class KafkaSource extends PTransform<PBegin, PCollection<SourceLine>> {
  /** Where to read and how to authenticate. The secret, if any, is only in {@link #consumerConfig}. */
  public static final class Settings implements Serializable {
    private static final long serialVersionUID = 1L;
    public String bootstrapServers;
    public String topic;
    public String consumerGroup = "churn-stream";
    /** Extra consumer properties (the SASL protocol and mechanism for Event Hubs). */
    public Map<String, Object> consumerConfig = new HashMap<>();
    /**
     * Consumer properties that hold secrets (the SASL JAAS configuration): given to the consumer when it
     * is created, never to {@code withConsumerConfigUpdates}, whose values Beam shows as display data.
     */
    public Map<String, Object> secretConfig = new HashMap<>();
    /** Stop after this many messages (tests, demos); null to run until stopped. */
    public Long maxRecords;
    /** Stop reading after this many seconds; null to run until stopped. */
    public Double maxReadSeconds;
    public double maxDelaySeconds = 60;

    @Override
    public String toString() {
      return "topic " + topic + " at " + bootstrapServers;
    }
  }

  private final Settings settings;
  private final List<String> csvHeader;

  /** @param csvHeader the columns of CSV messages, or null when messages are JSON */
  public KafkaSource(Settings settings, List<String> csvHeader) {
    this.settings = settings;
    this.csvHeader = csvHeader;
  }

  @Override
  public PCollection<SourceLine> expand(PBegin input) {
    Map<String, Object> config = new HashMap<>(settings.consumerConfig);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.consumerGroup);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<String> header = csvHeader;
    Duration maxDelay = Duration.millis(Math.round(settings.maxDelaySeconds * 1000));
    KafkaIO.Read<String, String> read =
        KafkaIO.<String, String>read()
            .withBootstrapServers(settings.bootstrapServers)
            .withTopic(settings.topic)
            .withKeyDeserializer(StringDeserializer.class)
            .withValueDeserializer(StringDeserializer.class)
            .withConsumerConfigUpdates(config)
            .withTimestampPolicyFactory(
                (partition, previousWatermark) ->
                    new CustomTimestampPolicyWithLimitedDelay<>(record -> eventTime(record, header), maxDelay, previousWatermark))
            .commitOffsetsInFinalize();
    if (!settings.secretConfig.isEmpty()) {
      read = read.withConsumerFactoryFn(new ConsumerWithSecrets(settings.secretConfig));
    }
    if (settings.maxRecords != null) {
      read = read.withMaxNumRecords(settings.maxRecords);
    }
    if (settings.maxReadSeconds != null) {
      read = read.withMaxReadTime(Duration.millis(Math.round(settings.maxReadSeconds * 1000)));
    }
    return input
        .apply("ReadKafka", read)
        .apply(
            "ToSourceLines",
            MapElements.into(TypeDescriptor.of(SourceLine.class))
                .via(
                    (KafkaRecord<String, String> r) ->
                        new SourceLine("kafka:" + r.getTopic() + "/" + r.getPartition(), r.getOffset(), r.getKV().getValue())))
        .setCoder(SourceLine.Coder.of());
  }

  /** Creates Kafka consumers with the secret properties added; shows no secret in its description. */
  static final class ConsumerWithSecrets implements SerializableFunction<Map<String, Object>, Consumer<byte[], byte[]>> {
    private static final long serialVersionUID = 1L;
    private final HashMap<String, Object> secrets;

    ConsumerWithSecrets(Map<String, Object> secrets) {
      this.secrets = new HashMap<>(secrets);
    }

    @Override
    public Consumer<byte[], byte[]> apply(Map<String, Object> config) {
      Map<String, Object> withSecrets = new HashMap<>(config);
      withSecrets.putAll(secrets);
      return new KafkaConsumer<>(withSecrets);
    }

    @Override
    public String toString() {
      return "Kafka consumer with secret properties " + secrets.keySet();
    }
  }

  /** The message's own {@code ts}; the broker's timestamp when it has none (it is dead-lettered later). */
  static Instant eventTime(KafkaRecord<String, String> record, List<String> csvHeader) {
    Double ts = Optional.ofNullable(record.getKV().getValue()).map(v -> TelemetryReading.eventTimeOf(v, csvHeader)).orElse(null);
    return ts == null ? new Instant(record.getTimestamp()) : Instant.ofEpochMilli((long) Math.floor(ts * 1000));
  }
}
