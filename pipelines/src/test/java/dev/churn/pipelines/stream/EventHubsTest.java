package dev.churn.pipelines.stream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertThrows;

import dev.churn.transforms.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class EventHubsTest {
  @Rule public final TemporaryFolder folder = new TemporaryFolder();

  private static final String SECRET =
      "Endpoint=sb://acme-telemetry.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=c2VjcmV0IGtleQ==";

  @Test
  public void buildsTheKafkaEndpointAndSaslSettings() {
    assertThat(EventHubs.bootstrapServers("acme-telemetry"), equalTo("acme-telemetry.servicebus.windows.net:9093"));
    Map<String, Object> config = EventHubs.consumerConfig();
    assertThat(config.get("security.protocol"), equalTo("SASL_SSL"));
    assertThat(config.get("sasl.mechanism"), equalTo("PLAIN"));
    assertThat(
        EventHubs.secretConfig(SECRET).get("sasl.jaas.config"),
        equalTo("org.apache.kafka.common.security.plain.PlainLoginModule required username=\"$ConnectionString\" password=\"" + SECRET + "\";"));
  }

  @Test
  public void readsTheConnectionStringFromAFileOrTheEnvironment() throws Exception {
    Path file = Files.writeString(folder.getRoot().toPath().resolve("eh.secret"), SECRET + "\n");
    assertThat(EventHubs.connectionString(file, Map.of()), equalTo(SECRET));
    assertThat(EventHubs.connectionString(null, Map.of(EventHubs.CONNECTION_STRING_ENV, SECRET)), equalTo(SECRET));
  }

  @Test
  public void theSecretIsNotInThePipelinesDisplayData() {
    KafkaSource.Settings settings = new KafkaSource.Settings();
    settings.bootstrapServers = EventHubs.bootstrapServers("acme-telemetry");
    settings.topic = "telemetry";
    settings.consumerConfig = EventHubs.consumerConfig();
    settings.secretConfig = EventHubs.secretConfig(SECRET);
    Pipeline pipeline = Pipeline.create();
    pipeline.apply(new KafkaSource(settings, null));
    StringBuilder shown = new StringBuilder();
    pipeline.traverseTopologically(
        new Pipeline.PipelineVisitor.Defaults() {
          @Override
          public CompositeBehavior enterCompositeTransform(TransformHierarchy.Node node) {
            describe(node);
            return CompositeBehavior.ENTER_TRANSFORM;
          }

          @Override
          public void visitPrimitiveTransform(TransformHierarchy.Node node) {
            describe(node);
          }

          private void describe(TransformHierarchy.Node node) {
            if (node.getTransform() != null) {
              DisplayData.from(node.getTransform()).items().forEach(item -> shown.append(item).append('\n'));
            }
          }
        });
    assertThat(shown.toString(), containsString("security.protocol"));
    assertThat(shown.toString(), not(containsString("SharedAccessKey")));
  }

  @Test
  public void problemsAreReportedWithoutTheSecret() throws Exception {
    InvalidInputException missing = assertThrows(InvalidInputException.class, () -> EventHubs.connectionString(null, Map.of()));
    assertThat(missing.getMessage(), containsString(EventHubs.CONNECTION_STRING_ENV));
    String notAConnectionString = "SharedAccessKey-without-endpoint-s3cr3t";
    InvalidInputException malformed =
        assertThrows(InvalidInputException.class, () -> EventHubs.connectionString(null, Map.of(EventHubs.CONNECTION_STRING_ENV, notAConnectionString)));
    assertThat(malformed.getMessage(), not(containsString("s3cr3t")));
    InvalidInputException url = assertThrows(InvalidInputException.class, () -> EventHubs.bootstrapServers("sb://acme.servicebus.windows.net"));
    assertThat(url.getMessage(), containsString("not a URL"));
  }
}
