package dev.churn.bench;

import dev.churn.testdata.generate.ChurnDataGenerator;
import dev.churn.testdata.generate.GeneratorSettings;
import dev.churn.transforms.events.EventTime;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.Properties;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A data set written by the generator for a benchmark: its files and the cutoff its features are as of. */
public final class GeneratedData {
  /** The generator's default end of history, used as the cutoff. */
  public static final String CUTOFF = "2026-01-01";

  public final Path folder;
  /** Telemetry messages written (the feature stage's records). */
  public final long readings;

  private GeneratedData(Path folder, long readings) {
    this.folder = folder;
    this.readings = readings;
  }

  /**
   * The data set of {@code customers} customers in {@code folder}, generated unless an earlier run
   * finished generating the same size there.
   */
  public static GeneratedData ensure(Path folder, long customers, int countries) {
    Path done = folder.resolve("generated.properties");
    try {
      Properties stamp = new Properties();
      if (Files.exists(done)) {
        try (Reader in = Files.newBufferedReader(done)) {
          stamp.load(in);
        }
        if (String.valueOf(customers).equals(stamp.getProperty("customers"))
            && String.valueOf(countries).equals(stamp.getProperty("countries"))) {
          return new GeneratedData(folder, Long.parseLong(stamp.getProperty("readings")));
        }
      }
      GeneratorSettings settings = new GeneratorSettings();
      settings.customers = customers;
      settings.countries = countries;
      settings.end = EventTime.parseSeconds(CUTOFF);
      ChurnDataGenerator.Summary summary = new ChurnDataGenerator(settings).writeTo(folder, n -> {});
      stamp.setProperty("customers", String.valueOf(customers));
      stamp.setProperty("countries", String.valueOf(countries));
      stamp.setProperty("readings", String.valueOf(summary.readings));
      try (Writer out = Files.newBufferedWriter(done)) {
        stamp.store(out, "written by churn bench");
      }
      return new GeneratedData(folder, summary.readings);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write benchmark data to " + folder + ": " + e.getMessage(), e);
    }
  }

  public String customers() {
    return folder.resolve("customers.csv").toString();
  }

  public String schema() {
    return folder.resolve("customers.schema.yaml").toString();
  }

  public String devices() {
    return folder.resolve("devices.csv").toString();
  }

  public String telemetry() {
    return folder.resolve("telemetry.csv").toString();
  }
}
