package dev.churn.testdata;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * The IBM Telco churn file shipped in this module, and a stratified split of it into a labelled training
 * file, a labelled hold-out file and the same hold-out without its label (as a scoring run would see it).
 */
public final class TelcoSample {
  public static final String RESOURCE = "telco/telco-customer-churn.csv";
  public static final String SCHEMA_RESOURCE = "telco/telco.schema.yaml";
  private static final String LABEL = "Churn";

  /** The files of a split. */
  public static final class Split {
    public final Path train;
    public final Path holdoutLabelled;
    public final Path holdoutUnlabelled;

    Split(Path train, Path holdoutLabelled, Path holdoutUnlabelled) {
      this.train = train;
      this.holdoutLabelled = holdoutLabelled;
      this.holdoutUnlabelled = holdoutUnlabelled;
    }
  }

  private TelcoSample() {}

  public static InputStream open() {
    InputStream in = TelcoSample.class.getClassLoader().getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IllegalStateException("resource " + RESOURCE + " is missing from the classpath");
    }
    return in;
  }

  /** The header and data lines of the file (line endings removed). */
  public static List<String> lines() {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(open(), StandardCharsets.UTF_8))) {
      List<String> lines = new ArrayList<>();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lines.add(line);
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies the file unchanged (CRLF line endings included) to {@code target}. */
  public static Path copyTo(Path target) throws IOException {
    Files.createDirectories(target.toAbsolutePath().getParent());
    try (InputStream in = open()) {
      Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }

  /**
   * Splits the file by class: within churned and within retained customers, a seeded shuffle puts
   * {@code holdoutFraction} of them in the hold-out.
   */
  public static Split split(Path folder, double holdoutFraction, long seed) throws IOException {
    List<String> lines = lines();
    String header = lines.get(0);
    List<String> columns = List.of(header.split(",", -1));
    int label = columns.indexOf(LABEL);
    List<String> train = new ArrayList<>();
    List<String> holdout = new ArrayList<>();
    for (String value : List.of("Yes", "No")) {
      List<String> group = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        if (line.split(",", -1)[label].equals(value)) {
          group.add(line);
        }
      }
      group.sort(Comparator.naturalOrder());
      java.util.Collections.shuffle(group, new Random(seed));
      int cut = (int) Math.round(group.size() * holdoutFraction);
      holdout.addAll(group.subList(0, cut));
      train.addAll(group.subList(cut, group.size()));
    }
    Files.createDirectories(folder);
    Split split =
        new Split(
            folder.resolve("train.csv"), folder.resolve("holdout-labelled.csv"), folder.resolve("holdout.csv"));
    write(split.train, header, train, -1);
    write(split.holdoutLabelled, header, holdout, -1);
    write(split.holdoutUnlabelled, header, holdout, label);
    return split;
  }

  private static void write(Path file, String header, List<String> lines, int dropColumn) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(drop(header, dropColumn) + "\n");
      for (String line : lines) {
        out.write(drop(line, dropColumn) + "\n");
      }
    }
  }

  private static String drop(String line, int column) {
    if (column < 0) {
      return line;
    }
    List<String> fields = new ArrayList<>(List.of(line.split(",", -1)));
    fields.remove(column);
    return String.join(",", fields);
  }
}
