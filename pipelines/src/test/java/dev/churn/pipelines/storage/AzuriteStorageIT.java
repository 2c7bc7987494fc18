package dev.churn.pipelines.storage;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.common.sas.AccountSasPermission;
import com.azure.storage.common.sas.AccountSasResourceType;
import com.azure.storage.common.sas.AccountSasService;
import com.azure.storage.common.sas.AccountSasSignatureValues;
import dev.churn.pipelines.ChurnProcess;
import dev.churn.pipelines.ScoreFiles;
import dev.churn.pipelines.TrainedTelco;
import dev.churn.pipelines.cli.ChurnCli;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code churn score --output azfs://...} against Azurite (started by {@code .ci/run}), authenticated
 * each way a user can: account key, SAS token, connection string. Each run is a separate process given
 * its secrets in the environment, as a user would; its whole output and every file it wrote are
 * searched for them.
 */
public class AzuriteStorageIT {
  private static final String ACCOUNT = Azurite.ACCOUNT;
  private static final String KEY = Azurite.KEY;
  private static final String ENDPOINT = Azurite.ENDPOINT;
  private static final String JDBC_PASSWORD = "pg-" + UUID.randomUUID();

  @ClassRule public static final TemporaryFolder FOLDER = new TemporaryFolder();

  private static Azurite azurite;
  private static BlobServiceClient service;
  private static BlobContainerClient container;
  private static Map<String, List<String>> localScores;

  @BeforeClass
  public static void createContainerAndScoreLocally() throws Exception {
    azurite = Azurite.newContainer();
    service = azurite.service;
    container = azurite.container;
    Path local = FOLDER.newFolder("local").toPath();
    int exit = ChurnCli.execute(scoreArguments(local.toString(), "local").toArray(new String[0]));
    assertThat(exit, equalTo(0));
    localScores = byCustomer(ScoreFiles.read(local));
  }

  @AfterClass
  public static void deleteContainer() {
    if (azurite != null) {
      azurite.delete();
    }
  }

  @Test
  public void accountKeyScoresEqualLocalScoresAndARepeatedRunLeavesOneSet() throws Exception {
    String output = azfs("key");
    Map<String, String> environment = Map.of(AzureStorageAuth.ACCOUNT, ACCOUNT, AzureStorageAuth.KEY, KEY);
    // the customers are read from the container too
    container.getBlobClient("raw/customers.csv").uploadFromFile(TrainedTelco.get().data.score.toString());
    List<String> arguments = withEndpoint(scoreArguments(output, "nightly"));
    arguments.set(arguments.indexOf("--customers") + 1, azfs("raw/customers.csv"));
    for (int attempt = 0; attempt < 2; attempt++) {
      ChurnProcess.Finished run = churn(environment, arguments);
      assertThat(run.output, run.exitCode, equalTo(0));
      assertThat(run.output, containsString("scores: " + output + "/scores-nightly."));
    }
    assertSameScores(readScores("key/scores-"), "nightly");
    // the second run's score files replaced the first's; beside them its dead letters, the manifest and the lock
    List<String> others = new ArrayList<>(blobNames("key/"));
    others.removeAll(readScoreBlobs("key/scores-").keySet());
    assertThat(others.stream().map(name -> name.replaceAll("dead-letters-nightly\\.[0-9a-f]{6}-.*", "dead-letters-nightly")).sorted().collect(Collectors.toList()),
        equalTo(List.of("key/" + FolderLock.NAME, "key/" + OutputManifest.NAME, "key/dead-letters-nightly")));
    assertThat("no staging blobs left", blobNames("key/.staging"), empty());
  }

  @Test
  public void sasTokenWritesPartitionedScores() throws Exception {
    String sas = accountSas();
    Map<String, String> environment = Map.of(AzureStorageAuth.ACCOUNT, ACCOUNT, AzureStorageAuth.SAS_TOKEN, sas);
    List<String> arguments = withEndpoint(scoreArguments(azfs("sas"), "sas-run"));
    arguments.add("--partitioned");
    ChurnProcess.Finished run = churn(environment, arguments);
    assertThat(run.output, run.exitCode, equalTo(0));
    assertSameScores(readScores("sas/scores/run_date="), "sas-run");
    List<String> folders =
        readScoreBlobs("sas/scores/").keySet().stream()
            .map(name -> name.substring(0, name.lastIndexOf('/')).replaceAll(".*/segment=", "segment="))
            .distinct()
            .sorted()
            .collect(Collectors.toList());
    assertThat(folders, equalTo(List.of("segment=Month-to-month", "segment=One year", "segment=Two year")));
    assertNoSecretIn(run.output + String.join("\n", readScoreBlobs("sas/").values()), sas);
  }

  @Test
  public void monitorReadsPartitionedParquetScoresFromTheLakeAndWritesItsOutputsThere() throws Exception {
    String sas = accountSas();
    Map<String, String> environment = Map.of(AzureStorageAuth.ACCOUNT, ACCOUNT, AzureStorageAuth.SAS_TOKEN, sas);
    List<String> score = withEndpoint(scoreArguments(azfs("lake/scores"), "watched"));
    score.addAll(List.of("--partitioned", "--format", "parquet"));
    assertThat(churn(environment, score).exitCode, equalTo(0));
    assertThat(blobNames("lake/scores/scores/").stream().filter(name -> name.endsWith(".parquet")).count(), greaterThan(2L));
    TrainedTelco telco = TrainedTelco.get();
    List<String> monitor = withEndpoint(new ArrayList<>(List.of("monitor", "--customers", telco.data.score.toString(),
        "--registry", telco.registry.toString(), "--scores", azfs("lake/scores"), "--run-id", "watched",
        "--labels", telco.data.scoreLabelled.toString(), "--output", azfs("lake/monitor"))));
    ChurnProcess.Finished run = churn(environment, monitor);
    assertThat(run.output, run.exitCode, equalTo(0));
    assertThat(run.output, containsString("\"run_id\":\"watched\""));
    assertThat(run.output, containsString("\"scored\":" + telco.data.scoreRows));
    List<String> outputs = blobNames("lake/monitor/");
    for (String file : List.of("monitor-checks.csv", "monitor-reasons.csv", "monitor.json", "report.html")) {
      assertThat(outputs, hasItem("lake/monitor/" + file));
    }
    assertThat("no staging blobs left", blobNames("lake/monitor/.staging"), empty());
    String report = container.getBlobClient("lake/monitor/report.html").downloadContent().toString();
    assertThat(report, containsString("<section id='accuracy'>"));
    assertNoSecretIn(run.output + report, sas);
  }

  @Test
  public void connectionStringNeedsNoEndpointOptionAndSecretsNeverShow() throws Exception {
    String connectionString = Azurite.CONNECTION_STRING;
    Map<String, String> environment = new HashMap<>();
    environment.put(AzureStorageAuth.CONNECTION_STRING, connectionString);
    environment.put("CHURN_JDBC_PASSWORD", JDBC_PASSWORD);
    List<String> arguments = scoreArguments(azfs("connection-string"), "cs-run");
    arguments.addAll(List.of("--jdbc-url", "jdbc:postgresql://127.0.0.1:5432/test", "--jdbc-user", "postgres", "--table", "churn_scores_azurite_it"));
    ChurnProcess.Finished run = churn(environment, arguments);
    assertThat(run.output, run.exitCode, equalTo(0));
    assertSameScores(readScores("connection-string/scores-"), "cs-run");
    assertNoSecretIn(run.output + String.join("\n", readScoreBlobs("connection-string/").values()), KEY, JDBC_PASSWORD, connectionString);

    // a failure names what is wrong, still without the secrets
    ChurnProcess.Finished refused = churn(environment, scoreArguments("azfs://" + ACCOUNT + "/no-such-container/scores", "cs-run"));
    assertThat(refused.output, refused.exitCode, equalTo(ChurnCli.BAD_INPUT));
    assertThat(refused.output, containsString("the container does not exist"));
    assertNoSecretIn(refused.output, KEY, JDBC_PASSWORD);
  }

  /** A SAS token for the whole account, valid for an hour. */
  private static String accountSas() {
    return service.generateAccountSas(
        new AccountSasSignatureValues(
            OffsetDateTime.now().plusHours(1),
            AccountSasPermission.parse("rwdlac"),
            new AccountSasService().setBlobAccess(true),
            AccountSasResourceType.parse("sco")));
  }

  private static List<String> scoreArguments(String output, String runId) {
    TrainedTelco telco = TrainedTelco.get();
    return new ArrayList<>(
        List.of("score", "--customers", telco.data.score.toString(), "--registry", telco.registry.toString(), "--output", output, "--run-id", runId));
  }

  private static List<String> withEndpoint(List<String> arguments) {
    arguments.add("--azure-blob-endpoint");
    arguments.add(ENDPOINT);
    return arguments;
  }

  private static String azfs(String folder) {
    return azurite.azfs(folder);
  }

  private static void assertSameScores(List<List<String>> rows, String runId) {
    assertThat(rows, hasSize(localScores.size()));
    Map<String, List<String>> scores = byCustomer(rows);
    for (Map.Entry<String, List<String>> local : localScores.entrySet()) {
      List<String> remote = scores.get(local.getKey());
      assertThat(local.getKey(), remote.get(0), equalTo(runId));
      // same probability, band, model version and reasons; only the run and the time differ
      assertThat(local.getKey(), remote.subList(2, remote.size()), equalTo(local.getValue().subList(2, remote.size())));
    }
  }

  private static void assertNoSecretIn(String text, String... secrets) {
    for (String secret : secrets) {
      assertThat("a secret was printed or written", text, not(containsString(secret)));
    }
    assertThat(text, not(containsString("sig=")));
  }

  private static Map<String, List<String>> byCustomer(List<List<String>> rows) {
    Map<String, List<String>> byId = new TreeMap<>();
    rows.forEach(row -> byId.put(row.get(2), row));
    return byId;
  }

  private static List<List<String>> readScores(String prefix) {
    List<List<String>> rows = new ArrayList<>();
    for (String content : readScoreBlobs(prefix).values()) {
      rows.addAll(ScoreFiles.parse(content.lines().collect(Collectors.toList())));
    }
    return rows;
  }

  /** Every blob under the prefix whose name ends in .csv or .jsonl, by name. */
  private static Map<String, String> readScoreBlobs(String prefix) {
    Map<String, String> contents = new TreeMap<>(azurite.texts(prefix, ".csv"));
    contents.putAll(azurite.texts(prefix, ".jsonl"));
    return contents;
  }

  private static List<String> blobNames(String prefix) {
    return azurite.blobNames(prefix);
  }

  private static ChurnProcess.Finished churn(Map<String, String> environment, List<String> arguments) throws Exception {
    return ChurnProcess.run(FOLDER.getRoot().toPath(), environment, arguments);
  }
}
