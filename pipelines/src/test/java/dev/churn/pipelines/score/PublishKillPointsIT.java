package dev.churn.pipelines.score;

import dev.churn.models.registry.Json;
import dev.churn.pipelines.ScoreFiles;
import dev.churn.pipelines.storage.AzureStorageAuth;
import dev.churn.pipelines.storage.Azurite;
import dev.churn.pipelines.storage.OutputManifest;
import dev.churn.pipelines.storage.Publication;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@link PublishKillScenario} at every step of publishing with a PostgreSQL table: on a local folder,
 * and on Azurite (blobs have no rename: files are copied).
 */
public class PublishKillPointsIT {
  private static final String POSTGRES =
      System.getProperty("churn.it.postgres", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

  @Rule public final TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void killedAtEveryStepOnALocalFolderAndPostgres() throws Exception {
    String table = "churn_scores_kill_" + UUID.randomUUID().toString().substring(0, 8);
    try {
      PublishKillPointsTest.scenario(folder.getRoot().toPath(), POSTGRES, table).run();
    } finally {
      drop(table);
    }
  }

  @Test
  public void killedAtEveryStepInTheLakeAndPostgres() throws Exception {
    Azurite azurite = Azurite.newContainer();
    String table = "churn_scores_kill_" + UUID.randomUUID().toString().substring(0, 8);
    try {
      new PublishKillScenario(folder.getRoot().toPath(), new PublishKillScenario.Output() {
        @Override
        public String location() {
          return azurite.azfs("scores");
        }

        @Override
        public List<List<String>> rows(String runId) throws Exception {
          OutputManifest manifest = Json.MAPPER.readValue(azurite.container.getBlobClient("scores/" + OutputManifest.NAME).downloadContent().toBytes(), OutputManifest.class);
          List<List<String>> rows = new ArrayList<>();
          for (Publication publication : manifest.publications) {
            if (runId.equals(publication.runId) && publication.files.containsKey("scores")) {
              Pattern files = Pattern.compile(("scores/" + publication.files.get("scores")).replace(".", "\\.").replace("*", "[^/]*"));
              for (Map.Entry<String, String> file : azurite.texts("scores/", ".csv").entrySet()) {
                if (files.matcher(file.getKey()).matches()) {
                  rows.addAll(ScoreFiles.parse(file.getValue().lines().collect(Collectors.toList())));
                }
              }
            }
          }
          return rows;
        }

        @Override
        public List<String> staged() {
          return azurite.blobNames("scores/").stream().filter(name -> name.contains("/.staging-")).collect(Collectors.toList());
        }
      }, POSTGRES, table, Map.of(AzureStorageAuth.CONNECTION_STRING, Azurite.CONNECTION_STRING)).run();
    } finally {
      azurite.delete();
      drop(table);
    }
  }

  private static void drop(String table) throws Exception {
    try (Connection c = DriverManager.getConnection(POSTGRES); Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + table);
      s.execute("DROP TABLE IF EXISTS " + table + "_staging");
    }
  }
}
