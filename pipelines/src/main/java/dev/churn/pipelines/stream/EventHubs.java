package dev.churn.pipelines.stream;

import dev.churn.transforms.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Azure Event Hubs through its Kafka endpoint: {@code NAMESPACE.servicebus.windows.net:9093}, SASL_SSL
 * with the PLAIN mechanism, user {@code $ConnectionString} and the connection string as password. The
 * connection string comes from an environment variable or a file, never from the command line, and is
 * never part of a message.
 */
public final class EventHubs {
  public static final String CONNECTION_STRING_ENV = "EVENTHUB_CONNECTION_STRING";

  private EventHubs() {}

  public static String bootstrapServers(String namespace) {
    if (!namespace.matches("[A-Za-z][A-Za-z0-9-]{4,48}[A-Za-z0-9]")) {
      throw new InvalidInputException(
          "--eventhubs-namespace '" + namespace + "': expected the namespace name (6 to 50 letters, digits or '-'), not a URL");
    }
    return namespace + ".servicebus.windows.net:9093";
  }

  /**
   * The connection string from {@code file} when given, else from {@value #CONNECTION_STRING_ENV}.
   *
   * @param environment the process environment (a parameter for tests)
   */
  public static String connectionString(Path file, Map<String, String> environment) {
    String secret;
    if (file != null) {
      try {
        secret = Files.readString(file).strip();
      } catch (IOException e) {
        throw new InvalidInputException("--eventhubs-connection-string-file " + file + " cannot be read: " + e.getClass().getSimpleName());
      }
    } else {
      secret = environment.get(CONNECTION_STRING_ENV);
      if (secret == null || secret.isBlank()) {
        throw new InvalidInputException(
            "Event Hubs needs a connection string: set " + CONNECTION_STRING_ENV + " or give --eventhubs-connection-string-file");
      }
      secret = secret.strip();
    }
    if (!secret.startsWith("Endpoint=sb://") || !secret.contains("SharedAccessKey")) {
      throw new InvalidInputException(
          "the Event Hubs connection string does not look like one (Endpoint=sb://...;SharedAccessKeyName=...;SharedAccessKey=...)");
    }
    return secret;
  }

  /** Kafka consumer properties for Event Hubs' Kafka endpoint, without the secret. */
  public static Map<String, Object> consumerConfig() {
    Map<String, Object> config = new HashMap<>();
    config.put("security.protocol", "SASL_SSL");
    config.put("sasl.mechanism", "PLAIN");
    return config;
  }

  /** The consumer property holding the connection string (see {@link KafkaSource.Settings#secretConfig}). */
  public static Map<String, Object> secretConfig(String connectionString) {
    return Map.of(
        "sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"$ConnectionString\" password=\""
            + connectionString.replace("\\", "\\\\").replace("\"", "\\\"")
            + "\";");
  }
}
