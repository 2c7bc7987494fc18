package dev.churn.pipelines;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker (KRaft, broker and controller in one node) in a JVM of its own, on fixed ports
 * and a data folder that outlive it: a test can stop it as an operator does (SIGTERM) and start it
 * again, and the clients see the same broker come back with its topics, messages and offsets.
 */
public final class KafkaBrokerProcess implements AutoCloseable {
  private final Path folder;
  private final Path config;
  private final int port;
  private Process process;
  private int starts;

  private KafkaBrokerProcess(Path folder, Path config, int port) {
    this.folder = folder;
    this.config = config;
    this.port = port;
  }

  /** Formats a new broker's storage under {@code folder} and starts it. */
  public static KafkaBrokerProcess start(Path folder) throws Exception {
    Files.createDirectories(folder);
    int port = freePort();
    int controllerPort = freePort();
    Properties p = new Properties();
    p.putAll(
        Map.ofEntries(
            Map.entry("process.roles", "broker,controller"),
            Map.entry("node.id", "1"),
            Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
            Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort),
            Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port),
            Map.entry("controller.listener.names", "CONTROLLER"),
            Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
            Map.entry("log.dirs", folder.resolve("data").toString()),
            // one broker: the internal topics cannot have 3 replicas
            Map.entry("offsets.topic.replication.factor", "1"),
            Map.entry("offsets.topic.num.partitions", "1"),
            Map.entry("transaction.state.log.replication.factor", "1"),
            Map.entry("transaction.state.log.min.isr", "1"),
            Map.entry("group.initial.rebalance.delay.ms", "0")));
    Path config = folder.resolve("server.properties");
    try (var out = Files.newBufferedWriter(config)) {
      p.store(out, "a test broker");
    }
    KafkaBrokerProcess broker = new KafkaBrokerProcess(folder, config, port);
    Process format = broker.java("format", "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString());
    if (!format.waitFor(2, TimeUnit.MINUTES) || format.exitValue() != 0) {
      throw new AssertionError("formatting the Kafka broker's storage failed: " + Files.readString(folder.resolve("format.log")));
    }
    broker.startAgain();
    return broker;
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public void createTopic(String topic, int partitions) throws Exception {
    try (AdminClient admin = admin()) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(1, TimeUnit.MINUTES);
    }
  }

  /** Stops the broker as an operator does (SIGTERM: a controlled shutdown) and waits until it has. */
  public void stop() throws Exception {
    process.destroy();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("the Kafka broker did not stop within 2 minutes; its log: " + log());
    }
  }

  /** Starts the stopped broker on the same ports and data, and waits until it answers. */
  public void startAgain() throws Exception {
    process = java("broker-" + ++starts, "kafka.Kafka", config.toString());
    long deadline = System.currentTimeMillis() + 120_000;
    while (true) {
      try (AdminClient admin = admin()) {
        admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
        return;
      } catch (Exception notYet) {
        if (!process.isAlive() || System.currentTimeMillis() > deadline) {
          throw new AssertionError("the Kafka broker did not start; its log: " + log(), notYet);
        }
        Thread.sleep(500);
      }
    }
  }

  private Path log() {
    return folder.resolve("broker-" + starts + ".log");
  }

  private AdminClient admin() {
    return AdminClient.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(), AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
  }

  private Process java(String name, String mainClass, String... arguments) throws IOException {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-cp", classpath, mainClass));
    command.addAll(List.of(arguments));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(folder.resolve(name + ".log").toFile()).start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws Exception {
    if (process != null && process.isAlive()) {
      stop();
    }
  }
}
