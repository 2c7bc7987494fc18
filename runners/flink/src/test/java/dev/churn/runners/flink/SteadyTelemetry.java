package dev.churn.runners.flink;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The generator's device readings sent live, as devices send them: each device sends its next reading
 * every {@code period} (from its own phase), stamped with the time it is sent, as one JSON message keyed
 * by its device. Every message sent is also appended to a JSON-lines file, for batch scoring of the same
 * readings. Planted bad messages go in between and are counted, not logged.
 */
final class SteadyTelemetry {
  /** One scheduled message: when (epoch milliseconds), from which device, with which values. */
  private static final class Due {
    final long at;
    final String device;
    final String temp;
    final String humidity;

    Due(long at, String device, String temp, String humidity) {
      this.at = at;
      this.device = device;
      this.temp = temp;
      this.humidity = humidity;
    }
  }

  private final List<Due> schedule = new ArrayList<>();
  final AtomicLong sent = new AtomicLong();
  final AtomicLong planted = new AtomicLong();
  final AtomicReference<Exception> failure = new AtomicReference<>();

  /**
   * @param telemetryCsv the generator's {@code telemetry.csv} (ts, device_id, device, humidity, temp), each
   *     device's readings in time order
   */
  SteadyTelemetry(Path telemetryCsv, long startMillis, long periodMillis, long endMillis, long seed) throws Exception {
    Map<String, List<String[]>> byDevice = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(telemetryCsv);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      byDevice.computeIfAbsent(f[1], d -> new ArrayList<>()).add(f);
    }
    SplittableRandom random = new SplittableRandom(seed);
    byDevice.forEach(
        (device, readings) -> {
          long at = startMillis + random.nextLong(periodMillis);
          for (String[] r : readings) {
            if (at >= endMillis) {
              break;
            }
            schedule.add(new Due(at, device, r[4], r[3]));
            at += periodMillis;
          }
        });
    Collections.sort(schedule, Comparator.comparingLong(d -> d.at));
  }

  /** The device ids and send times (epoch milliseconds) of every message that will be sent. */
  Map<String, List<Long>> sendTimesByDevice() {
    Map<String, List<Long>> times = new LinkedHashMap<>();
    schedule.forEach(d -> times.computeIfAbsent(d.device, x -> new ArrayList<>()).add(d.at));
    return times;
  }

  int messages() {
    return schedule.size();
  }

  /**
   * Sends every message at its time, until the last, with the planted bad messages every
   * {@code plantEveryMillis}; the producer retries through a broker restart (idempotent, so a retried
   * message is stored once).
   */
  void run(String bootstrapServers, String topic, Path log, List<String> badMessages, long plantEveryMillis) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p); BufferedWriter out = Files.newBufferedWriter(log)) {
      long nextPlant = schedule.get(0).at + plantEveryMillis;
      for (Due due : schedule) {
        long wait = due.at - System.currentTimeMillis();
        if (wait > 0) {
          out.flush();
          Thread.sleep(wait);
        }
        String message =
            String.format(Locale.ROOT, "{\"device_id\":\"%s\",\"ts\":%.3f,\"data\":{\"temp\":%s,\"humidity\":%s}}", due.device, due.at / 1000.0, due.temp, due.humidity);
        producer.send(new ProducerRecord<>(topic, due.device, message), this::failed);
        out.write(message);
        out.newLine();
        sent.incrementAndGet();
        if (due.at >= nextPlant) {
          nextPlant += plantEveryMillis;
          for (String bad : badMessages) {
            producer.send(new ProducerRecord<>(topic, "planted", bad.replace("TS", String.format(Locale.ROOT, "%.3f", due.at / 1000.0))), this::failed);
            planted.incrementAndGet();
          }
        }
      }
      producer.flush();
    } catch (Exception e) {
      failure.compareAndSet(null, e);
    }
  }

  private void failed(org.apache.kafka.clients.producer.RecordMetadata metadata, Exception e) {
    if (e != null) {
      failure.compareAndSet(null, e);
    }
  }
}
