package dev.churn.pipelines.score;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.churn.models.registry.ModelRegistry;
import dev.churn.pipelines.TrainedTelco;
import dev.churn.pipelines.rows.ScoreRowFormat;
import dev.churn.pipelines.storage.RegistryLocation;
import java.nio.file.Path;
import java.util.Set;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A running scorer that follows the champions picks up a new champion without a restart. */
public class ChampionRefreshTest {
  @Rule public final TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void aNewChampionIsUsedAfterTheRefreshInterval() throws Exception {
    Path root = folder.getRoot().toPath().resolve("registry");
    ModelRegistry registry = TrainedTelco.get().copyWithSecondVersion(root);

    ScoreCustomersFn fn =
        new ScoreCustomersFn(RegistryLocation.of(root), registry.champions(), "Contract", "run", null, ScoreRowFormat.SCORES)
            .refreshingChampionsEvery(1, Set.of());
    fn.open();
    assertThat(fn.currentChoice().toString(), equalTo("v0001"));

    TrainedTelco.promoteEverywhere(registry, "v0002");
    fn.refreshChampions();
    assertThat("not before the interval", fn.currentChoice().toString(), equalTo("v0001"));
    Thread.sleep(1_100);
    fn.refreshChampions();
    assertThat(fn.currentChoice().toString(), equalTo("v0002"));
  }
}
