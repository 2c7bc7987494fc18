package dev.churn.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.churn.pipelines.TelcoFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A failure while running (not the user's input) exits 1 with one line and a hint for the trace. */
public class RunFailureTest {
  @Rule public TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void corruptModelVersionExitsOne() throws Exception {
    Path registry = folder.getRoot().toPath().resolve("registry");
    Files.createDirectories(registry.resolve("versions/v0001"));
    Files.writeString(registry.resolve("versions/v0001/metadata.json"), "{ not json");
    TelcoFixture telco = TelcoFixture.create(folder.getRoot().toPath().resolve("in"), 5, 5);
    Cli cli = Cli.run("score", "--customers", telco.score.toString(), "--registry", registry.toString(), "--output", folder.getRoot().toPath().resolve("out").toString(), "--model-version", "v0001");
    assertThat(cli.exitCode, equalTo(1));
    assertThat(cli.err, containsString("churn: score failed: "));
    assertThat(cli.err, containsString("cannot load model version v0001"));
    assertThat(cli.lastErrorLine(), equalTo("(set CHURN_DEBUG=1 for the stack trace)"));
  }
}
