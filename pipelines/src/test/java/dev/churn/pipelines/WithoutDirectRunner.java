package dev.churn.pipelines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.churn.pipelines.cli.ChurnCli;
import dev.churn.pipelines.cli.Cli;
import dev.churn.pipelines.jobs.Runners;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The commands as a runner jar runs them, with its runner and without the DirectRunner on the class
 * path: without {@code --runner} they run on the jar's runner, a missing input is one line and exit 2,
 * and {@code --runner direct} says which runners the jar holds. A runner module's test runs this in a
 * JVM whose class path leaves Beam's DirectRunner out.
 */
public final class WithoutDirectRunner {
  private WithoutDirectRunner() {}

  public static void assertCommandsRunOn(String runner, String runnerClass, Path root) throws IOException {
    assertThat("the DirectRunner is left out of this JVM's class path", Runners.here("direct"), equalTo(false));
    assertThat(Runners.defaultName(), equalTo(runner));
    String registry = root.resolve("registry").toString();

    String missing = root.resolve("missing.csv").toString();
    Cli noInput = Cli.run("train", "--customers", missing, "--registry", registry);
    assertThat(noInput.err, noInput.exitCode, equalTo(ChurnCli.BAD_INPUT));
    assertThat(noInput.lastErrorLine(), equalTo("churn: customers file " + missing + " does not exist"));

    TelcoFixture telco = TelcoFixture.create(root.resolve("in"), 300, 10);
    Cli direct = Cli.run("train", "--runner", "direct", "--customers", telco.train.toString(), "--registry", registry);
    assertThat(direct.exitCode, equalTo(ChurnCli.BAD_INPUT));
    assertThat(direct.lastErrorLine(), containsString("--runner direct: not a runner of this program, which holds " + runner));

    Cli train = Cli.run("train", "--customers", telco.train.toString(), "--registry", registry, "--folds", "2", "--candidates", "logistic");
    assertThat(train.err, train.exitCode, equalTo(ChurnCli.OK));
    assertThat(train.err, containsString(" on " + runnerClass + " ..."));
    assertThat(Files.exists(root.resolve("registry").resolve("versions/v0001/metadata.json")), equalTo(true));
  }
}
