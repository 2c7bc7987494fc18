package dev.churn.pipelines.cli;

import dev.churn.testdata.generate.ChurnDataGenerator;
import dev.churn.testdata.generate.GeneratorSettings;
import dev.churn.transforms.InvalidInputException;
import dev.churn.transforms.Progress;
import dev.churn.transforms.events.EventTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code churn generate}: writes a synthetic data set (customers, interactions, devices, telemetry). */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = "Write synthetic customers (Telco columns plus country), interactions, a device registry and telemetry.")
public final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--customers", defaultValue = "10000", description = "number of customers (default: ${DEFAULT-VALUE})")
  long customers;

  @Option(names = "--days", defaultValue = "90", description = "days of interactions before the end (default: ${DEFAULT-VALUE})")
  int days;

  @Option(names = "--telemetry-days", defaultValue = "8", description = "days of telemetry before the end (default: ${DEFAULT-VALUE})")
  int telemetryDays;

  @Option(names = "--readings-per-day", defaultValue = "24", description = "telemetry messages per device and day (default: ${DEFAULT-VALUE})")
  int readingsPerDay;

  @Option(names = "--countries", defaultValue = "50", description = "countries, the segments (default: ${DEFAULT-VALUE})")
  int countries;

  @Option(names = "--end", defaultValue = "2026-01-01", description = "end of the history; use it as --cutoff (default: ${DEFAULT-VALUE})")
  String end;

  @Option(names = "--seed", defaultValue = "42", description = "random seed; the same seed writes the same files (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--shift", paramLabel = "COLUMN=AMOUNT", description = "planted drift: add AMOUNT to every value of a numeric column (repeatable)")
  Map<String, Double> shift = new TreeMap<>();

  @Option(names = "--churn-odds", paramLabel = "COUNTRY=FACTOR", description = "planted drift: multiply a country's churn odds by FACTOR (repeatable)")
  Map<String, Double> churnOdds = new TreeMap<>();

  @Option(names = "--out", required = true, description = "folder to write into")
  Path out;

  @Override
  public Integer call() {
    GeneratorSettings settings = new GeneratorSettings();
    settings.customers = customers;
    settings.days = days;
    settings.telemetryDays = telemetryDays;
    settings.readingsPerDay = readingsPerDay;
    settings.countries = countries;
    settings.seed = seed;
    settings.shift = shift;
    settings.churnOdds = churnOdds;
    try {
      settings.end = EventTime.parseSeconds(end);
    } catch (RuntimeException e) {
      throw new InvalidInputException("--end '" + end + "': expected a date (2026-01-01) or an ISO-8601 time");
    }
    ChurnDataGenerator generator;
    try {
      generator = new ChurnDataGenerator(settings);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(e.getMessage(), e);
    }
    long start = System.nanoTime();
    ChurnDataGenerator.Summary summary;
    try {
      summary = generator.writeTo(out, n -> Progress.say(String.format(Locale.ROOT, "%,d of %,d customers written", n, customers)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to " + out + ": " + e.getMessage(), e);
    }
    System.out.printf(
        Locale.ROOT,
        "wrote %,d customers (%.1f %% churned), %,d interactions, %,d devices, %,d telemetry messages to %s in %.1f s%n",
        summary.customers,
        100.0 * summary.churned / summary.customers,
        summary.interactions,
        summary.devices,
        summary.readings,
        out.toAbsolutePath(),
        (System.nanoTime() - start) / 1e9);
    System.out.printf(
        "train with: ./churn train --customers %1$s/customers.csv --schema %1$s/customers.schema.yaml --interactions %1$s/interactions.csv --devices %1$s/devices.csv --telemetry %1$s/telemetry.csv --cutoff %2$s --registry REGISTRY%n",
        out, EventTime.format(settings.end));
    return ChurnCli.OK;
  }
}
