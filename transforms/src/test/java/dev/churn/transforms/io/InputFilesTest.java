package dev.churn.transforms.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.Assert.assertThrows;

import dev.churn.transforms.InvalidInputException;
import java.io.File;
import java.nio.file.Files;
import java.util.UUID;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class InputFilesTest {
  @Rule public TemporaryFolder folder = new TemporaryFolder();

  /** Beam's local file system would walk the whole disk below / to answer this one. */
  @Test(timeout = 10_000)
  public void aMissingFileAtTheRootIsReportedAtOnce() {
    String missing = "/churn-missing-" + UUID.randomUUID() + ".csv";
    InvalidInputException error = assertThrows(InvalidInputException.class, () -> InputFiles.match("customers", missing));
    assertThat(error.getMessage(), equalTo("customers file " + missing + " does not exist"));
    assertThrows(InvalidInputException.class, () -> InputFiles.match("customers", "file://" + missing));
  }

  @Test
  public void matchesAFileAGlobAndAFileUrl() throws Exception {
    File a = folder.newFile("a.csv");
    File b = folder.newFile("b.csv");
    Files.writeString(a.toPath(), "x\n");
    Files.writeString(b.toPath(), "y\n");
    assertThat(InputFiles.match("customers", a.getPath()), contains(a.getPath()));
    assertThat(InputFiles.match("customers", a.toURI().toString()), contains(a.getPath()));
    assertThat(InputFiles.match("customers", folder.getRoot() + "/*.csv"), contains(a.getPath(), b.getPath()));
    InvalidInputException none =
        assertThrows(InvalidInputException.class, () -> InputFiles.match("labels", folder.getRoot() + "/*.json"));
    assertThat(none.getMessage(), equalTo("labels file " + folder.getRoot() + "/*.json does not exist"));
  }
}
