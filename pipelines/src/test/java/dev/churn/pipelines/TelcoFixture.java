package dev.churn.pipelines;

import dev.churn.testdata.TelcoSample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Small files cut from the real Telco sample: a labelled training file and an unlabelled one to score. */
public final class TelcoFixture {
  public final Path train;
  public final Path score;
  public final Path scoreLabelled;
  public final int scoreRows;

  private TelcoFixture(Path train, Path score, Path scoreLabelled, int scoreRows) {
    this.train = train;
    this.score = score;
    this.scoreLabelled = scoreLabelled;
    this.scoreRows = scoreRows;
  }

  /** The first {@code trainRows} customers to train on, the next {@code scoreRows} to score. */
  public static TelcoFixture create(Path folder, int trainRows, int scoreRows) throws IOException {
    List<String> lines = TelcoSample.lines();
    String header = lines.get(0);
    int label = List.of(header.split(",")).indexOf("Churn");
    List<String> train = new ArrayList<>(List.of(header));
    train.addAll(lines.subList(1, 1 + trainRows));
    List<String> scoreLabelled = new ArrayList<>(List.of(header));
    scoreLabelled.addAll(lines.subList(1 + trainRows, 1 + trainRows + scoreRows));
    List<String> score = new ArrayList<>();
    for (String line : scoreLabelled) {
      List<String> fields = new ArrayList<>(List.of(line.split(",", -1)));
      fields.remove(label);
      score.add(String.join(",", fields));
    }
    Files.createDirectories(folder);
    Path trainFile = Files.write(folder.resolve("train.csv"), train);
    Path scoreFile = Files.write(folder.resolve("score.csv"), score);
    Path labelledFile = Files.write(folder.resolve("score-labelled.csv"), scoreLabelled);
    return new TelcoFixture(trainFile, scoreFile, labelledFile, scoreRows);
  }
}
