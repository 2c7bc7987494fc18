package dev.churn.pipelines.serve;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import dev.churn.pipelines.TrainedTelco;
import dev.churn.pipelines.storage.RegistryLocation;
import dev.churn.testdata.RandomEdits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.Test;

/**
 * The endpoint's request bodies made from valid ones by random edits ({@link RandomEdits}): each is
 * either scored or refused with a status and a message (400 or 413, as {@code POST /v1/score} answers),
 * never another exception, which the server would turn into a 500.
 */
public class ScoreRequestNeverThrowsTest {
  @Test
  public void editedBodiesAreScoredOrRefusedWithAReason() throws Exception {
    TrainedTelco telco = TrainedTelco.get();
    ServedVersions served = ServedModels.open(RegistryLocation.of(telco.registry), null, Duration.ZERO).current();
    List<String> lines = Files.readAllLines(telco.data.score);
    List<String> bodies = new ArrayList<>();
    for (int c = 1; c < 40; c += 3) {
      bodies.add(ScoreRequest.fromCsv(lines.get(0), lines.subList(c, c + 1 + c % 3)));
    }
    Random random = new Random(20261203);
    int scored = 0;
    int refused = 0;
    for (int t = RandomEdits.tries(); t > 0; t--) {
      String body = RandomEdits.of(bodies, random);
      try {
        ScoreRequest request = ScoreRequest.parse(body.getBytes(StandardCharsets.UTF_8), served, 3, null);
        served.score(request.customers);
        scored++;
      } catch (ScoreRequest.Refused e) {
        assertThat(body, e.status == 400 || e.status == 413);
        assertThat("a message for " + body, e.getMessage().isBlank(), equalTo(false));
        refused++;
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError("the request threw " + e + " for the body " + body, e);
      }
    }
    assertThat("some edited bodies are still valid", scored, greaterThan(0));
    assertThat("most are refused", refused, greaterThan(scored));
  }
}
