package dev.churn.runners.flink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churn.models.registry.Json;
import dev.churn.pipelines.cli.ChurnCli;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Monitoring 150,000 scored and labelled customers on Flink: each of the 32 customer shards then holds
 * more than 10,000 scores, groups and labels, where a CoGroupByKey result must be iterated again, which
 * Flink's batch GroupByKey refuses. The join reads each shard in one pass, so the run succeeds.
 */
public class MonitorAtScaleOnFlinkTest {
  @Rule public TemporaryFolder folder = new TemporaryFolder();

  private static void run(String... args) {
    assertThat(String.join(" ", args), ChurnCli.execute(args), equalTo(0));
  }

  @Test
  public void monitorsAShardOfMoreThanTenThousandElementsOnFlink() throws Exception {
    Path root = folder.getRoot().toPath();
    String[] small = {"--countries", "3", "--telemetry-days", "1", "--readings-per-day", "1"};
    run(concat(new String[] {"generate", "--customers", "2000", "--seed", "1", "--out", root.resolve("train").toString()}, small));
    run(concat(new String[] {"generate", "--customers", "150000", "--seed", "2", "--out", root.resolve("many").toString()}, small));
    String registry = root.resolve("registry").toString();
    String customers = root.resolve("many/customers.csv").toString();
    run("train", "--customers", root.resolve("train/customers.csv").toString(), "--schema", root.resolve("train/customers.schema.yaml").toString(),
        "--registry", registry, "--candidates", "logistic", "--folds", "3");
    run("score", "--runner", "flink", "--customers", customers, "--registry", registry, "--model-version", "v0001",
        "--output", root.resolve("scores").toString(), "--run-id", "many");
    run("monitor", "--runner", "flink", "--customers", customers, "--registry", registry, "--model-version", "v0001",
        "--scores", root.resolve("scores").toString(), "--labels", customers, "--output", root.resolve("monitor").toString());
    JsonNode run = Json.MAPPER.readTree(root.resolve("monitor/monitor.json").toFile());
    assertThat(run.at("/outcomes/overall/rows").asLong(), equalTo(150_000L));
    assertThat(run.at("/outcomes/overall/labelled").asLong(), equalTo(150_000L));
    assertThat(run.at("/counts/customersNotScored").asLong(), equalTo(0L));
  }

  private static String[] concat(String[] first, String[] second) {
    String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, all, first.length, second.length);
    return all;
  }
}
