package dev.churn.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.startsWith;

import dev.churn.models.registry.Aliases;
import dev.churn.models.registry.Decision;
import dev.churn.models.registry.ModelRegistry;
import dev.churn.pipelines.ScoreFiles;
import dev.churn.pipelines.TrainedTelco;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.commons.io.FileUtils;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Registry lifecycle from the command line: a challenger trained on shuffled labels is refused by the
 * gate, forced through, and rolled back; every step is in the decision log.
 */
public class ModelLifecycleTest {
  @ClassRule public static final TemporaryFolder FOLDER = new TemporaryFolder();

  @Test
  public void aWorseChallengerIsRefusedThenForcedAndRolledBack() throws Exception {
    TrainedTelco trained = TrainedTelco.get();
    assertThat(trained.promoteExitCode, equalTo(0));
    Path registry = FOLDER.getRoot().toPath().resolve("registry");
    FileUtils.copyDirectory(trained.registry.toFile(), registry.toFile());
    ModelRegistry models = new ModelRegistry(registry);
    assertThat(models.aliases().champion(Aliases.ALL), equalTo("v0001"));

    Path shuffled = shuffledLabels(trained.data.train, FOLDER.getRoot().toPath().resolve("shuffled.csv"));
    Cli train =
        Cli.run("train", "--customers", shuffled.toString(), "--registry", registry.toString(), "--folds", "3", "--candidates", "logistic");
    assertThat(train.err, train.exitCode, equalTo(0));
    assertThat(models.aliases().challenger(Aliases.ALL), equalTo("v0002"));

    String labelled = trained.data.scoreLabelled.toString();
    Cli refused = Cli.run("models", "promote", "--registry", registry.toString(), "--customers", labelled, "--segment", "*");
    assertThat(refused.err, refused.exitCode, equalTo(0));
    assertThat(refused.out, containsString("refused"));
    assertThat(refused.out, containsString("below the champion's"));
    assertThat(models.aliases().champion(Aliases.ALL), equalTo("v0001"));

    Cli list = Cli.run("models", "list", "--registry", registry.toString());
    assertThat(list.out, containsString("champion of *"));
    assertThat(list.out.lines().filter(l -> l.startsWith("v0002")).findFirst().orElseThrow(), containsString("challenger of *"));

    Cli forced = Cli.run("models", "promote", "--registry", registry.toString(), "--customers", labelled, "--segment", "*", "--force");
    assertThat(forced.out, containsString("forced past the gate"));
    assertThat(models.aliases().champion(Aliases.ALL), equalTo("v0002"));

    Cli rollback = Cli.run("models", "rollback", "--registry", registry.toString(), "--segment", "*");
    assertThat(rollback.err, rollback.exitCode, equalTo(0));
    assertThat(models.aliases().champion(Aliases.ALL), equalTo("v0001"));
    Cli again = Cli.run("models", "rollback", "--registry", registry.toString(), "--segment", "*");
    assertThat(again.exitCode, equalTo(2));
    assertThat(again.lastErrorLine(), containsString("no previous champion"));

    List<String> actions = models.decisions().stream().map(d -> d.action + " " + d.version).collect(Collectors.toList());
    assertThat(
        actions.subList(actions.size() - 4, actions.size()),
        contains("register v0002", "refuse v0002", "promote v0002", "rollback v0001"));
    Decision refusal = models.decisions().get(models.decisions().size() - 3);
    assertThat(refusal.championAuc > refusal.challengerAuc, equalTo(true));
    assertThat(refusal.fairness.size(), equalTo(2));

    // scoring follows the champion alias
    Path output = FOLDER.getRoot().toPath().resolve("scores");
    Cli scored = Cli.run("score", "--customers", trained.data.score.toString(), "--registry", registry.toString(), "--output", output.toString());
    assertThat(scored.err, scored.exitCode, equalTo(0));
    assertThat(ScoreFiles.read(output).stream().map(r -> r.get(6)).collect(Collectors.toList()), everyItem(startsWith("v0001/")));
  }

  /** The same customers with their labels shuffled among them: a model of them learns nothing. */
  private static Path shuffledLabels(Path train, Path target) throws Exception {
    List<String> lines = Files.readAllLines(train);
    int label = List.of(lines.get(0).split(",")).indexOf("Churn");
    List<String> labels = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      labels.add(line.split(",", -1)[label]);
    }
    Collections.shuffle(labels, new Random(7));
    List<String> out = new ArrayList<>(List.of(lines.get(0)));
    for (int i = 1; i < lines.size(); i++) {
      String[] fields = lines.get(i).split(",", -1);
      fields[label] = labels.get(i - 1);
      out.add(String.join(",", fields));
    }
    return Files.write(target, out);
  }
}
