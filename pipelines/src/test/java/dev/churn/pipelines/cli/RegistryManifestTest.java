package dev.churn.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churn.models.registry.Json;
import dev.churn.pipelines.TrainedTelco;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A published version records the SHA-256 of its files in {@code manifest.json}: a flipped byte in a
 * model, an edited threshold in {@code metadata.json} or a missing file is refused with one line naming
 * the file (exit 2); a version without a manifest (an older one) scores with a warning.
 */
public class RegistryManifestTest {
  @Rule public TemporaryFolder folder = new TemporaryFolder();

  private Path copy() throws Exception {
    Path registry = folder.newFolder().toPath().resolve("registry");
    TrainedTelco.get().copyWithSecondVersion(registry);
    return registry;
  }

  private Cli score(Path registry) throws Exception {
    return Cli.run("score", "--customers", TrainedTelco.get().data.score.toString(), "--registry", registry.toString(), "--model-version", "v0001",
        "--output", folder.newFolder().toString());
  }

  @Test
  public void theManifestListsEveryFileTheVersionIsLoadedFrom() throws Exception {
    Path version = TrainedTelco.get().registry.resolve("versions/v0001");
    JsonNode manifest = Json.MAPPER.readTree(version.resolve("manifest.json").toFile());
    JsonNode metadata = Json.MAPPER.readTree(version.resolve("metadata.json").toFile());
    List<String> files = new ArrayList<>();
    manifest.get("files").fieldNames().forEachRemaining(files::add);
    assertThat(files, hasItems("metadata.json", "preprocessing.json", metadata.at("/global/modelFile").asText()));
    assertThat(manifest.get("files").get("metadata.json").asText().length(), equalTo(64));
  }

  @Test
  public void aFlippedByteInAModelIsRefusedNamingTheFile() throws Exception {
    Path registry = copy();
    Path version = registry.resolve("versions/v0001");
    String model = Json.MAPPER.readTree(version.resolve("metadata.json").toFile()).at("/global/modelFile").asText();
    byte[] bytes = Files.readAllBytes(version.resolve(model));
    bytes[bytes.length / 2] ^= 1;
    Files.write(version.resolve(model), bytes);
    Cli scored = score(registry);
    assertThat(scored.exitCode, equalTo(2));
    assertThat(scored.lastErrorLine(),
        startsWith("churn: model version v0001 of registry " + registry + ": " + model + " has changed since the version was published (its SHA-256 is "));
  }

  @Test
  public void anEditedThresholdOrAMissingFileIsRefused() throws Exception {
    Path registry = copy();
    Path metadata = registry.resolve("versions/v0001/metadata.json");
    String text = Files.readString(metadata, StandardCharsets.UTF_8);
    Files.writeString(metadata, text.replaceFirst("\"decision\"\\s*:\\s*0\\.", "\"decision\" : 0.0"), StandardCharsets.UTF_8);
    assertThat("the threshold was edited", Files.readString(metadata).equals(text), equalTo(false));
    Cli edited = score(registry);
    assertThat(edited.exitCode, equalTo(2));
    assertThat(edited.lastErrorLine(), containsString(": metadata.json has changed since the version was published"));

    Files.delete(registry.resolve("versions/v0002/preprocessing.json"));
    Cli missing = Cli.run("score", "--customers", TrainedTelco.get().data.score.toString(), "--registry", registry.toString(), "--model-version", "v0002",
        "--output", folder.newFolder().toString());
    assertThat(missing.exitCode, equalTo(2));
    assertThat(missing.lastErrorLine(), equalTo("churn: model version v0002 of registry " + registry + ": preprocessing.json, listed in its manifest.json, is missing"));
  }

  @Test
  public void aVersionWithoutAManifestScoresWithAWarning() throws Exception {
    Path registry = copy();
    Files.delete(registry.resolve("versions/v0001/manifest.json"));
    Cli scored = score(registry);
    assertThat(scored.err, scored.exitCode, equalTo(0));
    assertThat(scored.err, containsString("warning: model version v0001 of registry " + registry + " has no manifest.json"));
  }
}
