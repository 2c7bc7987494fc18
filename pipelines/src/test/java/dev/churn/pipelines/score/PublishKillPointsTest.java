package dev.churn.pipelines.score;

import dev.churn.pipelines.ScoreFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@link PublishKillScenario} on a local folder, each run a process of its own: here at three steps
 * (the run complete, its files half moved, the manifest switched) and without a table, to keep the
 * default tests short and free of services; {@code PublishKillPointsIT} kills at every step with a
 * PostgreSQL table, on a local folder and in Azurite. (Not H2: an H2 file killed while open was once
 * found corrupted, "File corrupted while reading record".)
 */
public class PublishKillPointsTest {
  static final List<String> STEPS = List.of("ready", "first-file-moved", "manifest-written");

  @Rule public final TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void aRunKilledWhilePublishingLeavesOneCompleteRunAndIsFinishedByTheNext() throws Exception {
    scenario(folder.getRoot().toPath(), null, null).run(STEPS);
  }

  /** The scenario in {@code work}: a local output folder, and the table at {@code url} unless null. */
  static PublishKillScenario scenario(Path work, String url, String table) {
    Path output = work.resolve("scores");
    return new PublishKillScenario(work, new PublishKillScenario.Output() {
      @Override
      public String location() {
        return output.toString();
      }

      @Override
      public List<List<String>> rows(String runId) throws Exception {
        return ScoreFiles.read(output, runId);
      }

      @Override
      public List<String> staged() throws Exception {
        try (Stream<Path> files = Files.walk(output)) {
          return files.map(f -> output.relativize(f).toString()).filter(name -> name.startsWith(".staging-")).collect(Collectors.toList());
        }
      }
    }, url, table, Map.of());
  }
}
