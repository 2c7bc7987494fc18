package dev.churn.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churn.models.registry.Json;
import dev.churn.pipelines.ScoreFiles;
import dev.churn.testdata.generate.ChurnDataGenerator;
import dev.churn.testdata.generate.GeneratorSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Training and scoring with interaction and telemetry features from generated data, through the command line. */
public class EventFeaturesTest {
  @ClassRule public static final TemporaryFolder FOLDER = new TemporaryFolder();

  private static Path data;
  private static Path registry;
  private static Cli trained;

  private static String[] withEvents(String... args) {
    return Stream.concat(
            Stream.of(args),
            Stream.of(
                "--interactions", data.resolve("interactions.csv").toString(),
                "--devices", data.resolve("devices.csv").toString(),
                "--telemetry", data.resolve("telemetry.csv").toString(),
                "--cutoff", "2026-01-01"))
        .toArray(String[]::new);
  }

  @BeforeClass
  public static void generateAndTrain() throws Exception {
    data = FOLDER.newFolder("data").toPath();
    GeneratorSettings settings = new GeneratorSettings();
    settings.customers = 1_200;
    settings.days = 30;
    settings.readingsPerDay = 4;
    settings.countries = 3;
    new ChurnDataGenerator(settings).writeTo(data, n -> {});
    Files.writeString(data.resolve("telemetry.csv"), "1767000000.0,no-such-device,x,50.0,20.0\n", StandardOpenOption.APPEND);
    registry = FOLDER.getRoot().toPath().resolve("registry");
    trained =
        Cli.run(withEvents(
            "train", "--customers", data.resolve("customers.csv").toString(),
            "--schema", data.resolve("customers.schema.yaml").toString(),
            "--registry", registry.toString(), "--folds", "2", "--candidates", "logistic", "--targetParallelism=1"));
  }

  @Test
  public void eventFeaturesAreRecordedWithTheModelAndCarrySignal() throws Exception {
    assertThat(trained.err, trained.exitCode, equalTo(0));
    assertThat(trained.out, containsString("event features as of 2026-01-01T00:00:00Z: devices"));
    JsonNode metadata = Json.MAPPER.readTree(registry.resolve("versions/v0001/metadata.json").toFile());
    assertThat(metadata.at("/schema/features/telemetry").asBoolean(), equalTo(true));
    assertThat(metadata.at("/schema/features/interactions").asBoolean(), equalTo(true));
    assertThat(metadata.at("/trainingData/events/telemetry/dead_lettered").asLong(), equalTo(1L));
    double withEvents = metadata.at("/overall/rocAuc").asDouble();

    Path attributesOnly = FOLDER.getRoot().toPath().resolve("registry-attributes");
    Cli plain =
        Cli.run(
            "train", "--customers", data.resolve("customers.csv").toString(),
            "--schema", data.resolve("customers.schema.yaml").toString(),
            "--registry", attributesOnly.toString(), "--folds", "2", "--candidates", "logistic");
    assertThat(plain.err, plain.exitCode, equalTo(0));
    double withoutEvents = Json.MAPPER.readTree(attributesOnly.resolve("versions/v0001/metadata.json").toFile()).at("/overall/rocAuc").asDouble();
    assertThat("cv AUC with events " + withEvents + ", without " + withoutEvents, withEvents, greaterThan(withoutEvents + 0.03));
  }

  @Test
  public void scoringComputesTheSameFeaturesAndDeadLettersBadTelemetry() throws Exception {
    assertThat(trained.exitCode, equalTo(0));
    Path output = FOLDER.getRoot().toPath().resolve("scores");
    Cli scored =
        Cli.run(withEvents(
            "score", "--customers", data.resolve("customers.csv").toString(),
            "--registry", registry.toString(), "--model-version", "v0001", "--output", output.toString(), "--run-id", "r1"));
    assertThat(scored.err, scored.exitCode, equalTo(0));
    List<List<String>> rows = ScoreFiles.read(output);
    assertThat(rows.size(), equalTo(1_200));
    assertThat(scored.out, containsString("dead letters: 1 "));
    long eventReasons =
        rows.stream().flatMap(r -> r.subList(7, 10).stream()).filter(r -> r.matches("(call|web|social|interactions)_\\d+d = .*|telemetry_silence_hours = .*|glitches_.*|temp_.*")).count();
    assertThat("reasons naming event features", eventReasons, greaterThan(100L));
    String deadLetters = Files.readString(Files.list(output).filter(p -> p.getFileName().toString().startsWith("dead-letters")).findFirst().orElseThrow());
    assertThat(deadLetters, containsString("unknown device no-such-device"));
  }

  @Test
  public void scoringWithoutTheEventsTheModelNeedsIsABadInput() {
    assertThat(trained.exitCode, equalTo(0));
    Cli scored =
        Cli.run(
            "score", "--customers", data.resolve("customers.csv").toString(),
            "--registry", registry.toString(), "--model-version", "v0001",
            "--output", FOLDER.getRoot().toPath().resolve("no-events").toString());
    assertThat(scored.exitCode, equalTo(2));
    assertThat(scored.lastErrorLine(), containsString("model version v0001 was trained with telemetry features: give --telemetry and --devices"));
  }
}
