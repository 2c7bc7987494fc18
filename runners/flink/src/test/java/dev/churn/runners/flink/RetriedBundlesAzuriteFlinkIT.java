package dev.churn.runners.flink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;

import dev.churn.pipelines.ScoreFiles;
import dev.churn.pipelines.TrainedTelco;
import dev.churn.pipelines.storage.Azurite;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@link RetriedBundlesFlinkTest} in the lake: Flink's workers read the model registry from Azurite
 * and write the score files there, through Beam's azfs; steps after the writes fail once, so Flink
 * writes them again. The surefire configuration gives this JVM Azurite's connection string, the way a
 * user's environment gives theirs.
 */
public class RetriedBundlesAzuriteFlinkIT {
  @Rule public TemporaryFolder folder = new TemporaryFolder();

  private final Azurite azurite = Azurite.newContainer();

  @After
  public void deleteContainer() {
    azurite.delete();
  }

  @Test
  public void retriedWritesToTheLakeLeaveOneRowPerCustomerAndNoTemporaryBlobs() throws Exception {
    azurite.upload(TrainedTelco.get().registry, "registry");
    RetriedBundlesFlinkTest.scoreWithFailuresAfterTheWrites(folder.getRoot().toPath(), azurite.azfs("registry"), azurite.azfs("out"), null);

    List<List<String>> rows = new ArrayList<>();
    for (String file : azurite.texts("out/", ".csv").values()) {
      rows.addAll(ScoreFiles.parse(file.lines().collect(Collectors.toList())));
    }
    RetriedBundlesFlinkTest.assertOneRowPerCustomer(rows);
    List<String> temporary = azurite.blobNames("out/").stream().filter(name -> name.contains("temp")).collect(Collectors.toList());
    assertThat("no temporary blobs left", temporary, empty());
  }
}
