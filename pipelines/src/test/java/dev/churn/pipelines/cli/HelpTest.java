package dev.churn.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.junit.Test;

/** The command's own --help, and Beam's --help=NAME for the Beam options a pipeline command passes on. */
public class HelpTest {
  @Test
  public void aCommandsHelpListsItsOptionsWithTheTrainersDefaults() {
    Cli cli = Cli.run("train", "--help");
    assertThat(cli.exitCode, equalTo(ChurnCli.OK));
    assertThat(cli.out, containsString("--folds=<folds>"));
    assertThat(cli.out, containsString("stratified cross-validation folds (default: 5)"));
    assertThat(cli.out, containsString("random seed of splits and training (default: 42)"));
  }

  @Test
  public void beamHelpForChurnOptionsListsTheProjectsPipelineOptions() {
    Cli cli = Cli.run("train", "--help=ChurnOptions");
    assertThat(cli.err, cli.exitCode, equalTo(ChurnCli.OK));
    assertThat(cli.out, containsString("dev.churn.pipelines.jobs.ChurnOptions"));
    assertThat(cli.out, containsString("--churnRegistry"));
  }

  @Test
  public void beamHelpForAnUnknownInterfaceNamesTheOnesThereAre() {
    Cli cli = Cli.run("score", "--help=NoSuchOptions");
    assertThat(cli.exitCode, equalTo(ChurnCli.BAD_INPUT));
    assertThat(cli.lastErrorLine(), startsWith("churn: --help=NoSuchOptions: not a Beam options interface of this program, which has "));
    assertThat(cli.lastErrorLine(), containsString("ChurnOptions"));
  }
}
