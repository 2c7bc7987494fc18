package dev.churn.models.registry;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class AliasesTest {
  @Rule public TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void promotionsStackAndRollBackInOrder() {
    Aliases aliases = new Aliases();
    aliases.promote(Aliases.ALL, "v0001");
    aliases.promote(Aliases.ALL, "v0002");
    aliases.promote("One year", "v0003");
    assertThat(aliases.champions().versionFor("Month-to-month"), equalTo("v0002"));
    assertThat(aliases.champions().versionFor("One year"), equalTo("v0003"));
    assertThat(aliases.champions().versions(), contains("v0002", "v0003"));
    assertThat(aliases.rollBack(Aliases.ALL), equalTo("v0001"));
    assertThat(aliases.rollBack(Aliases.ALL), nullValue());
    assertThat(aliases.champion(Aliases.ALL), equalTo("v0001"));
    assertThat(aliases.rollBack("One year"), nullValue());
  }

  @Test
  public void aliasChangesArePersistedWithTheirDecisions() throws Exception {
    ModelRegistry registry = new ModelRegistry(folder.getRoot().toPath());
    for (int i = 0; i < 2; i++) {
      Path staging = Path.of(registry.newStaging());
      Files.writeString(staging.resolve("metadata.json"), "{}");
      registry.registerChallenger(registry.publish(staging.toString()), List.of("One year"));
    }
    assertThat(registry.aliases().challenger("One year"), equalTo("v0002"));
    registry.updateAliases(
        aliases -> {
          aliases.promote(Aliases.ALL, "v0002");
          Decision decision = new Decision();
          decision.action = Decision.PROMOTE;
          decision.segment = Aliases.ALL;
          decision.version = "v0002";
          return List.of(decision);
        });
    assertThat(new ModelRegistry(folder.getRoot().toPath()).champions().defaultVersion(), equalTo("v0002"));
    List<Decision> log = registry.decisions();
    assertThat(log.size(), equalTo(3));
    assertThat(log.get(2).action, equalTo(Decision.PROMOTE));
    assertThat(log.get(0).at != null, equalTo(true));
  }
}
