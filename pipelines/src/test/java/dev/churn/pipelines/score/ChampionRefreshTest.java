package dev.churn.pipelines.score;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.churn.models.registry.ModelRegistry;
import dev.churn.pipelines.TrainedTelco;
import dev.churn.pipelines.rows.ScoreRowFormat;
import dev.churn.pipelines.storage.RegistryLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A running scorer that follows the champions picks up a new champion without a restart. */
public class ChampionRefreshTest {
  @Rule public final TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void aNewChampionIsUsedAfterTheRefreshInterval() throws Exception {
    Path root = folder.getRoot().toPath().resolve("registry");
    copy(TrainedTelco.get().registry, root);
    ModelRegistry registry = new ModelRegistry(root);
    // a second version: the same files published again
    String staging = registry.newStaging();
    copy(registry.versionFolder("v0001"), Path.of(staging));
    assertThat(registry.publish(staging), equalTo("v0002"));

    ScoreCustomersFn fn =
        new ScoreCustomersFn(RegistryLocation.of(root), registry.champions(), "Contract", "run", null, ScoreRowFormat.SCORES)
            .refreshingChampionsEvery(1, Set.of());
    fn.open();
    assertThat(fn.currentChoice().toString(), equalTo("v0001"));

    registry.updateAliases(aliases -> {
      aliases.promote("*", "v0002");
      new java.util.ArrayList<>(aliases.segments.keySet()).forEach(segment -> aliases.promote(segment, "v0002"));
      return List.of();
    });
    fn.refreshChampions();
    assertThat("not before the interval", fn.currentChoice().toString(), equalTo("v0001"));
    Thread.sleep(1_100);
    fn.refreshChampions();
    assertThat(fn.currentChoice().toString(), equalTo("v0002"));
  }

  private static void copy(Path from, Path to) throws Exception {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }
}
