package dev.churn.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyArray;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.churn.pipelines.TelcoFixture;
import dev.churn.pipelines.TrainedTelco;
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
    assertThat(cli.lastErrorLine(), equalTo("churn: customers file " + path("bad.csv") + ": all 5 records were rejected: 5 x column Contract: '...' is not one of [Month-to-month, One year, Two year] (first at line 2)"));
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
    Cli unknown = Cli.run(withArgument(train, "--notAnOption=1"));
    assertThat(unknown.exitCode, equalTo(2));
    assertThat(unknown.lastErrorLine(), containsString("notAnOption"));
    Cli malformed = Cli.run(withArgument(train, "--targetParallelism=many"));
    assertThat(malformed.exitCode, equalTo(2));
    assertThat(malformed.lastErrorLine(), containsString("many"));
    assertNothingIn(path("registry"));
  }

  private static String[] withArgument(String[] args, String more) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 1);
    all[args.length] = more;
    return all;
  }

  @Test
  public void missingCommandIsBadUsage() {
    Cli cli = Cli.run();
    assertThat(cli.exitCode, equalTo(2));
    assertThat(cli.err, containsString("missing command"));
  }

  @Test
  public void unknownRunner() throws Exception {
    TelcoFixture telco = TelcoFixture.create(path("in"), 5, 1);
    Cli cli = Cli.run("train", "--customers", telco.train.toString(), "--registry", path("r").toString(), "--runner", "storm");
    assertThat(cli.exitCode, equalTo(2));
    assertThat(cli.lastErrorLine(), startsWith("churn: --runner storm: not a runner of this program, which holds direct ("));
    assertThat(Files.exists(path("r")), equalTo(false));
  }

  @Test
  public void servingAnEmptyRegistryOrOnAPortThatIsNotOne() {
    Cli empty = Cli.run("serve", "--registry", path("empty").toString(), "--port", "0");
    assertThat(empty.exitCode, equalTo(2));
    assertThat(empty.lastErrorLine(), equalTo("churn: registry " + path("empty") + " has no model versions: run 'churn train' first"));
    Cli port = Cli.run("serve", "--registry", path("empty").toString(), "--port", "70000");
    assertThat(port.exitCode, equalTo(2));
    assertThat(port.lastErrorLine(), equalTo("churn: --port 70000: use 0 to 65535 (0: any free port)"));
    Cli table = Cli.run("serve", "--registry", path("empty").toString(), "--scores-table", "churn_scores");
    assertThat(table.exitCode, equalTo(2));
    assertThat(table.lastErrorLine(), equalTo("churn: --scores-table, --scores-jdbc-user and --scores-jdbc-password-env need --scores-jdbc-url"));
    Cli name = Cli.run("serve", "--registry", path("empty").toString(), "--scores-jdbc-url", "jdbc:h2:mem:x", "--scores-table", "s;DROP TABLE x");
    assertThat(name.exitCode, equalTo(2));
    assertThat(name.lastErrorLine(), equalTo("churn: --scores-table 's;DROP TABLE x' is not a valid table name (up to 55 letters, digits and _, optionally schema.table)"));
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
    assertThat(cli.lastErrorLine(), equalTo("churn: --table 'scores;DROP TABLE x--' is not a valid table name (up to 55 letters, digits and _, optionally schema.table)"));
  }

  /** The Telco schema with one replacement in its text. */
  private Path telcoSchemaWith(String name, String from, String to) throws Exception {
    String schema = new String(dev.churn.transforms.io.InputFiles.open(dev.churn.transforms.schema.DatasetSchemaFile.TELCO).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(schema, containsString(from));
    return Files.writeString(path(name), schema.replace(from, to));
  }

  @Test
  public void aSchemaWhoseLabelsAreEqualIsRefusedBeforeTraining() throws Exception {
    TelcoFixture telco = TelcoFixture.create(path("in"), 5, 1);
    Path schema = telcoSchemaWith("equal-labels.yaml", "negative: \"No\"", "negative: \"Yes\"");
    Cli cli = Cli.run("train", "--customers", telco.train.toString(), "--schema", schema.toString(), "--registry", path("registry").toString());
    assertThat(cli.exitCode, equalTo(2));
    assertThat(cli.lastErrorLine(), containsString("'label.positive' and 'label.negative' are both 'Yes'"));
    assertThat("nothing written, not even the folder", Files.exists(path("registry")), equalTo(false));
  }

  @Test
  public void schemaErrorsNameTheLineAndFieldInTheFilesWords() throws Exception {
    TelcoFixture telco = TelcoFixture.create(path("in"), 5, 1);
    Path schema = telcoSchemaWith("bad-min.yaml", "    min: 0\n    log: true   #", "    min: zero\n    log: true   #");
    Cli cli = Cli.run("train", "--customers", telco.train.toString(), "--schema", schema.toString(), "--registry", path("registry").toString());
    assertThat(cli.exitCode, equalTo(2));
    assertThat(cli.lastErrorLine(), equalTo("churn: dataset schema " + schema + ": line 13, column 10: field numeric[0].min: 'zero' is not a number"));
    Path unknown = telcoSchemaWith("unknown-field.yaml", "segment: Contract", "segmnet: Contract");
    Cli typo = Cli.run("train", "--customers", telco.train.toString(), "--schema", unknown.toString(), "--registry", path("registry").toString());
    assertThat(typo.lastErrorLine(), containsString("unknown field 'segmnet'"));
    assertThat(typo.lastErrorLine(), not(containsString("dev.churn")));
  }

  @Test
  public void aPasswordVariableThatIsNotSetIsAnError() throws Exception {
    TelcoFixture telco = TelcoFixture.create(path("in"), 5, 5);
    Cli cli = Cli.run("score", "--customers", telco.score.toString(), "--registry", path("empty").toString(), "--output", path("out").toString(),
        "--jdbc-url", "jdbc:h2:mem:x", "--jdbc-password-env", "NO_SUCH_VARIABLE_FOR_CHURN");
    assertThat(cli.exitCode, equalTo(2));
    assertThat(cli.lastErrorLine(), equalTo("churn: --jdbc-password-env NO_SUCH_VARIABLE_FOR_CHURN: that environment variable is not set"));
  }

  @Test
  public void aPasswordInAJdbcUrlIsNeverPrinted() throws Exception {
    TrainedTelco trained = TrainedTelco.get();
    for (String url : List.of("jdbc:postgresql://churn:Hunter2Secret@127.0.0.1:1/db", "jdbc:postgresql://127.0.0.1:1/db?user=churn&password=Hunter2Secret",
        "jdbc:sqlserver://127.0.0.1:1;databaseName=db;user=churn;password={Hunter2;Secret}")) {
      Cli cli = Cli.run("score", "--customers", trained.data.score.toString(), "--registry", trained.registry.toString(), "--output", path("out").toString(),
          "--jdbc-url", url);
      assertThat(url, cli.exitCode, equalTo(2));
      assertThat(cli.err, containsString("cannot prepare table churn_scores at jdbc:"));
      assertThat(cli.err, not(containsString("Hunter2")));
      assertThat(cli.err, not(containsString("Secret")));
      assertNothingIn(path("out"));
    }
  }
}
