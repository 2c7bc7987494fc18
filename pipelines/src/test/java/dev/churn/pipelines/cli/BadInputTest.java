package dev.churn.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyArray;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.churn.pipelines.TelcoFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Exit status 2 with one clear line, and nothing written, for each kind of bad usage or input. */
public class BadInputTest {
  @Rule public TemporaryFolder folder = new TemporaryFolder();

  private Path path(String name) {
    return folder.getRoot().toPath().resolve(name);
  }

  private static void assertNothingIn(Path dir) {
    String[] left = dir.toFile().list();
    assertThat("nothing written in " + dir, left == null ? new String[0] : left, emptyArray());
  }

  @Test
  public void missingCustomersFile() {
    Cli cli = Cli.run("train", "--customers", path("nope.csv").toString(), "--registry", path("registry").toString());
    assertThat(cli.exitCode, equalTo(2));
    assertThat(cli.lastErrorLine(), equalTo("churn: customers file " + path("nope.csv") + " does not exist"));
    assertNothingIn(path("registry"));
  }

  @Test
  public void headerThatDoesNotMatchTheSchema() throws Exception {
    Files.write(path("other.csv"), List.of("id,age,plan", "1,30,basic"));
    Cli cli = Cli.run("train", "--customers", path("other.csv").toString(), "--registry", path("registry").toString());
    assertThat(cli.exitCode, equalTo(2));
    assertThat(cli.lastErrorLine(), startsWith("churn: customers file " + path("other.csv") + ": header does not match dataset schema 'telco'; missing column(s) customerID"));
    assertNothingIn(path("registry"));
  }

  @Test
  public void fileWhereEveryRecordIsBadWritesNothing() throws Exception {
    TelcoFixture telco = TelcoFixture.create(path("in"), 5, 1);
    List<String> lines = Files.readAllLines(telco.train);
    for (int i = 1; i < lines.size(); i++) {
      lines.set(i, lines.get(i).replace("Month-to-month", "Weekly").replace("One year", "Weekly").replace("Two year", "Weekly"));
    }
    Files.write(path("bad.csv"), lines);
    Cli cli = Cli.run("train", "--customers", path("bad.csv").toString(), "--registry", path("registry").toString());
    assertThat(cli.err, cli.exitCode, equalTo(2));
    assertThat(cli.lastErrorLine(), equalTo("churn: customers file " + path("bad.csv") + ": all 5 records were rejected (wrong schema or file?)"));
    assertNothingIn(path("registry"));
  }

  @Test
  public void unknownOptionIsBadUsage() {
    Cli cli = Cli.run("train", "--customer", "x.csv", "--registry", "r");
    assertThat(cli.exitCode, equalTo(2));
    assertThat(cli.err, containsString("--customer"));
  }

  @Test
  public void beamOptionsReachBeamWhichNamesAWrongOne() throws Exception {
    TelcoFixture telco = TelcoFixture.create(path("in"), 5, 1);
    String[] train = {"train", "--customers", telco.train.toString(), "--registry", path("registry").toString()};
    Cli unknown = Cli.run(DemoCommand.concat(train, "--notAnOption=1"));
    assertThat(unknown.exitCode, equalTo(2));
    assertThat(unknown.lastErrorLine(), containsString("notAnOption"));
    Cli malformed = Cli.run(DemoCommand.concat(train, "--targetParallelism=many"));
    assertThat(malformed.exitCode, equalTo(2));
    assertThat(malformed.lastErrorLine(), containsString("many"));
    assertNothingIn(path("registry"));
  }

  @Test
  public void missingCommandIsBadUsage() {
    Cli cli = Cli.run();
    assertThat(cli.exitCode, equalTo(2));
    assertThat(cli.err, containsString("missing command"));
  }

  @Test
  public void unknownRunner() {
    Cli cli = Cli.run("train", "--customers", "x.csv", "--registry", path("r").toString(), "--runner", "storm");
    assertThat(cli.exitCode, equalTo(2));
  }

  @Test
  public void scoringWithAnEmptyRegistry() throws Exception {
    TelcoFixture telco = TelcoFixture.create(path("in"), 5, 5);
    Cli cli = Cli.run("score", "--customers", telco.score.toString(), "--registry", path("empty").toString(), "--output", path("out").toString());
    assertThat(cli.exitCode, equalTo(2));
    assertThat(cli.lastErrorLine(), containsString("has no model versions: run 'churn train' first"));
    assertNothingIn(path("out"));
  }

  @Test
  public void runIdMustBeAPlainName() throws Exception {
    TelcoFixture telco = TelcoFixture.create(path("in"), 5, 5);
    Cli cli = Cli.run("score", "--customers", telco.score.toString(), "--registry", path("empty").toString(), "--output", path("out").toString(), "--run-id", "../escape");
    assertThat(cli.exitCode, equalTo(2));
    assertThat(cli.lastErrorLine(), startsWith("churn: --run-id '../escape': use up to 64 letters"));
    assertNothingIn(path("out"));
  }

  @Test
  public void tableNameIsValidatedBeforeAnythingRuns() throws Exception {
    TelcoFixture telco = TelcoFixture.create(path("in"), 5, 5);
    Cli cli = Cli.run("score", "--customers", telco.score.toString(), "--registry", path("empty").toString(), "--output", path("out").toString(),
        "--jdbc-url", "jdbc:h2:mem:x", "--table", "scores;DROP TABLE x--", "--model-version", "v0001");
    assertThat(cli.exitCode, equalTo(2));
    assertThat(cli.lastErrorLine(), equalTo("churn: --table 'scores;DROP TABLE x--' is not a valid table name (letters, digits and _, optionally schema.table)"));
  }
}
