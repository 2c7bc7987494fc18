package dev.churn.pipelines.serve;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churn.models.registry.ModelRegistry;
import dev.churn.pipelines.TrainedTelco;
import dev.churn.pipelines.storage.RegistryLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A promotion while clients keep sending requests: the endpoint reads the new champion within its
 * refresh interval and switches to it; no request fails, and no response mixes the two versions.
 */
public class ChampionSwapUnderLoadTest {
  @Rule public TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void aPromotionSwitchesTheServedVersionWithoutAFailedOrMixedResponse() throws Exception {
    TrainedTelco telco = TrainedTelco.get();
    Path registry = folder.getRoot().toPath().resolve("registry");
    ModelRegistry models = telco.copyWithSecondVersion(registry);
    List<String> lines = Files.readAllLines(telco.data.score);
    String body = Endpoint.customersJson(lines.get(0), lines.subList(1, 41));

    ScoringServer.Settings settings = new ScoringServer.Settings();
    settings.port = 0;
    ServedModels served = ServedModels.open(RegistryLocation.of(registry), null, Duration.ofMillis(200));
    ExecutorService clients = Executors.newFixedThreadPool(4);
    try (ScoringServer server = ScoringServer.start(served, settings)) {
      Endpoint endpoint = new Endpoint(server.address(), null);
      AtomicBoolean stop = new AtomicBoolean();
      ConcurrentLinkedQueue<String> versionsSeen = new ConcurrentLinkedQueue<>();
      List<Future<Integer>> load = new ArrayList<>();
      for (int c = 0; c < 4; c++) {
        load.add(clients.submit(() -> {
          int requests = 0;
          while (!stop.get()) {
            Endpoint.Answer answer = endpoint.post("v1/score", body);
            assertThat(answer.body, answer.status, equalTo(200));
            Set<String> versions = new TreeSet<>();
            for (JsonNode score : answer.json().get("scores")) {
              versions.add(score.get("model_version").asText().split("/")[0]);
            }
            assertThat("one version per response", versions.size(), equalTo(1));
            versionsSeen.add(versions.iterator().next());
            requests++;
          }
          return requests;
        }));
      }
      Thread.sleep(500);
      TrainedTelco.promoteEverywhere(models, "v0002");
      long deadline = System.currentTimeMillis() + 10_000;
      while (served.swaps() == 0 && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      Thread.sleep(500);
      stop.set(true);
      int requests = 0;
      for (Future<Integer> client : load) {
        requests += client.get();
      }
      assertThat("the refresh swapped once", served.swaps(), equalTo(1L));
      assertThat(versionsSeen, hasItem("v0001"));
      assertThat(versionsSeen, hasItem("v0002"));
      assertThat(endpoint.get("v1/models").json().get("default_version").asText(), equalTo("v0002"));
      assertThat("requests under load", requests > 20, equalTo(true));
    } finally {
      clients.shutdownNow();
    }
  }
}
