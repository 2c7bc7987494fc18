package dev.churn.pipelines.storage;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertThrows;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobServiceClientBuilder;
import dev.churn.models.registry.ModelRegistry;
import dev.churn.pipelines.ChurnProcess;
import dev.churn.pipelines.ScoreFiles;
import dev.churn.pipelines.storage.StagedFiles;
import dev.churn.pipelines.TrainedTelco;
import dev.churn.pipelines.cli.ChurnCli;
import dev.churn.transforms.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.azure.options.BlobstoreClientBuilderFactory;
import org.apache.beam.sdk.io.azure.options.BlobstoreOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The model registry in blob storage ({@code --registry azfs://...}) against Azurite: the whole model
 * life from the command line, each command in its own process given the connection string in its
 * environment; and, in this JVM, what a registry must guarantee when trainers and promoters write at
 * the same time.
 */
public class AzuriteRegistryIT {
  @ClassRule public static final TemporaryFolder FOLDER = new TemporaryFolder();

  private static final Map<String, String> ENVIRONMENT = Map.of(AzureStorageAuth.CONNECTION_STRING, Azurite.CONNECTION_STRING);

  private static Azurite azurite;

  @BeforeClass
  public static void createContainer() {
    azurite = Azurite.newContainer();
  }

  @AfterClass
  public static void deleteContainer() {
    if (azurite != null) {
      azurite.delete();
    }
  }

  @Test
  public void trainPromoteListAndScoreWithARegistryInTheLake() throws Exception {
    TrainedTelco telco = TrainedTelco.get();
    String registry = azurite.azfs("models/churn");
    List<String> train = new ArrayList<>(List.of(telco.trainArguments(Path.of("unused"))));
    train.set(train.indexOf("--registry") + 1, registry);
    ChurnProcess.Finished trained = churn(train);
    assertThat(trained.output, trained.exitCode, equalTo(0));
    assertThat(trained.output, containsString("registered model version v0001 at " + registry + "/versions/v0001"));
    List<String> blobs = azurite.blobNames("models/churn/");
    assertThat(blobs, hasItem("models/churn/versions/v0001/metadata.json"));
    assertThat(blobs, hasItem("models/churn/versions/v0001/preprocessing.json"));
    assertThat("staging removed", azurite.blobNames("models/churn/.staging"), empty());
    assertThat("no intermediate files published", azurite.blobNames("models/churn/versions/v0001/segments"), empty());

    ChurnProcess.Finished promoted = churn(List.of("models", "promote", "--registry", registry, "--customers", telco.data.scoreLabelled.toString()));
    assertThat(promoted.output, promoted.exitCode, equalTo(0));
    ChurnProcess.Finished listed = churn(List.of("models", "list", "--registry", registry));
    assertThat(listed.output, listed.exitCode, equalTo(0));
    assertThat(listed.output, containsString("champion of *"));

    // the same training data and seed as the local registry: the same scores
    Path output = FOLDER.newFolder("scores").toPath();
    ChurnProcess.Finished scored =
        churn(List.of("score", "--customers", telco.data.score.toString(), "--registry", registry, "--output", output.toString(), "--run-id", "lake"));
    assertThat(scored.output, scored.exitCode, equalTo(0));
    Path local = FOLDER.newFolder("local-scores").toPath();
    assertThat(ChurnCli.execute("score", "--customers", telco.data.score.toString(), "--registry", telco.registry.toString(), "--output", local.toString()), equalTo(0));
    Map<String, List<String>> fromLake = byCustomer(ScoreFiles.read(output));
    Map<String, List<String>> fromFolder = byCustomer(ScoreFiles.read(local));
    assertThat(fromLake.keySet(), equalTo(fromFolder.keySet()));
    fromFolder.forEach((customer, row) -> {
      List<String> lake = fromLake.get(customer);
      assertThat(customer, Double.parseDouble(lake.get(4)), closeTo(Double.parseDouble(row.get(4)), 1e-6));
      assertThat(customer, lake.get(6), equalTo(row.get(6))); // the model that served it
    });

    ChurnProcess.Finished history = churn(List.of("models", "history", "--registry", registry));
    assertThat(history.output, containsString("\"action\":\"register\""));
    assertThat(history.output, containsString("\"action\":\"promote\""));
    for (ChurnProcess.Finished run : List.of(trained, promoted, listed, scored, history)) {
      assertThat("a secret was printed", run.output, not(containsString(Azurite.KEY)));
    }
  }

  @Test
  public void concurrentWritersLoseNothing() throws Exception {
    RegistryContract.concurrentWritersLoseNothing(registry("contract"));
  }

  @Test
  public void aVersionLeftHalfCopiedIsNeverSeenAndItsNumberIsSkipped() throws Exception {
    ModelRegistry registry = registry("half");
    assertThat(registry.publish(stagedVersion(registry)), equalTo("v0001"));
    // a trainer that died while copying v0002: its claim and some files, but no metadata
    azurite.container.getBlobClient("half/versions/v0002/.claim").upload(BinaryData.fromString(""));
    azurite.container.getBlobClient("half/versions/v0002/models/a.bin").upload(BinaryData.fromString("partial"));
    assertThat(registry.versions(), contains("v0001"));
    InvalidInputException missing = assertThrows(InvalidInputException.class, () -> registry.versionFolder("v0002"));
    assertThat(missing.getMessage(), containsString("has no version v0002"));
    assertThat(registry.publish(stagedVersion(registry)), equalTo("v0003"));
    assertThat(registry.versions(), contains("v0001", "v0003"));
  }

  @Test
  public void aContainerThatDoesNotExistIsNamedWithoutTheKey() {
    ModelRegistry registry = new ModelRegistry(AzureRegistryStorage.of(
        "azfs://" + Azurite.ACCOUNT + "/no-such-container/models", AzureStorageAuth.fromEnvironment(ENVIRONMENT), null));
    InvalidInputException refused = assertThrows(InvalidInputException.class, registry::newStaging);
    assertThat(refused.getMessage(), containsString("the container does not exist"));
    assertThat(refused.getMessage(), not(containsString(Azurite.KEY)));
  }

  /**
   * A registry reached from this JVM, whose azfs:// file system (the tests write staged files through it)
   * is set up for Azurite here, since a command run in this JVM sets it up its own way.
   */
  private static ModelRegistry registry(String folder) {
    BlobstoreOptions options = PipelineOptionsFactory.create().as(BlobstoreOptions.class);
    options.setBlobstoreClientFactoryClass(AzuriteClients.class);
    FileSystems.setDefaultPipelineOptions(options);
    return new ModelRegistry(AzureRegistryStorage.of(azurite.azfs(folder), AzureStorageAuth.fromEnvironment(ENVIRONMENT), null));
  }

  private static String stagedVersion(ModelRegistry registry) throws Exception {
    String staging = registry.newStaging();
    StagedFiles.write(staging, ModelRegistry.METADATA, "{}".getBytes(StandardCharsets.UTF_8));
    return staging;
  }

  private static ChurnProcess.Finished churn(List<String> arguments) throws Exception {
    return ChurnProcess.run(FOLDER.getRoot().toPath(), ENVIRONMENT, arguments);
  }

  private static Map<String, List<String>> byCustomer(List<List<String>> rows) {
    Map<String, List<String>> byId = new TreeMap<>();
    rows.forEach(row -> byId.put(row.get(2), row));
    return byId;
  }

  /** Beam's azfs:// clients in this JVM, for Azurite. */
  public static final class AzuriteClients implements BlobstoreClientBuilderFactory {
    @Override
    public BlobServiceClientBuilder createBuilder(BlobstoreOptions options) {
      return AzureStorageAuth.fromEnvironment(ENVIRONMENT).builder(null);
    }
  }
}
