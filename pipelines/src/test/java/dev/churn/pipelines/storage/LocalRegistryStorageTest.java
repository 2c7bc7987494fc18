package dev.churn.pipelines.storage;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertThrows;

import dev.churn.transforms.InvalidInputException;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class LocalRegistryStorageTest {
  @Rule public final TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void concurrentWritersLoseNothing() throws Exception {
    RegistryContract.concurrentWritersLoseNothing(RegistryLocation.of(folder.getRoot().toPath().resolve("registry")).open());
  }

  @Test
  public void aRegistryElsewhereThanAFolderOrAzureIsRefused() {
    InvalidInputException refused = assertThrows(InvalidInputException.class, () -> RegistryLocation.of("s3://bucket/registry", null));
    assertThat(refused.getMessage(), containsString("registry s3://bucket/registry: use a folder or azfs://ACCOUNT/CONTAINER/path"));
  }
}
