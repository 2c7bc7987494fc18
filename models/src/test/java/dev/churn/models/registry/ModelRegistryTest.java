package dev.churn.models.registry;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.Assert.assertThrows;

import dev.churn.transforms.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ModelRegistryTest {
  @Rule public TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void publishesNumberedVersionsAndHidesStaging() throws Exception {
    ModelRegistry registry = new ModelRegistry(folder.getRoot().toPath().resolve("registry"));
    Path staging = Path.of(registry.newStaging());
    Files.writeString(staging.resolve("metadata.json"), "{}");
    assertThat(registry.versions(), empty());
    assertThat(registry.publish(staging.toString()), equalTo("v0001"));
    Path second = Path.of(registry.newStaging());
    assertThat(registry.publish(second.toString()), equalTo("v0002"));
    assertThat(registry.versions(), contains("v0001", "v0002"));
    assertThat(registry.latestVersion(), equalTo("v0002"));
    assertThat(Files.readString(registry.versionFolder("v0001").resolve("metadata.json")), equalTo("{}"));
    assertThat(Files.exists(staging), equalTo(false));
  }

  @Test
  public void discardedStagingLeavesNoVersion() throws Exception {
    ModelRegistry registry = new ModelRegistry(folder.getRoot().toPath());
    Path staging = Path.of(registry.newStaging());
    Files.createDirectories(staging.resolve("models"));
    Files.writeString(staging.resolve("models/a.bin"), "x");
    registry.discard(staging.toString());
    assertThat(Files.exists(staging), equalTo(false));
    assertThat(registry.versions(), empty());
  }

  @Test
  public void emptyRegistryIsAUserError() {
    ModelRegistry registry = new ModelRegistry(folder.getRoot().toPath().resolve("none"));
    InvalidInputException e = assertThrows(InvalidInputException.class, registry::latestVersion);
    assertThat(e.getMessage(), containsString("has no model versions: run 'churn train' first"));
    InvalidInputException missing = assertThrows(InvalidInputException.class, () -> registry.versionFolder("v0009"));
    assertThat(missing.getMessage(), containsString("has no version v0009"));
  }
}
