package dev.churn.testdata.generate;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** What {@link ChurnDataGenerator} writes. */
public final class GeneratorSettings {
  public long customers = 10_000;
  /** Days of interactions before the end time. */
  public int days = 90;
  /** Days of telemetry before the end time (covers the default 7-day telemetry window and a day more). */
  public int telemetryDays = 8;
  public int readingsPerDay = 24;
  public int countries = 50;
  public long seed = 42;
  /** The end of the generated history (epoch seconds): train with {@code --cutoff} at this time. */
  public double end = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
  /** Planted drift, to rehearse monitoring: an amount added to every value of these numeric columns. */
  public Map<String, Double> shift = new TreeMap<>();
  /** Planted drift: the churn odds of these countries' customers multiplied by a factor. */
  public Map<String, Double> churnOdds = new TreeMap<>();

  GeneratorSettings validate() {
    require(customers > 0, "--customers must be at least 1");
    require(days >= 1, "--days must be at least 1");
    require(telemetryDays >= 1, "--telemetry-days must be at least 1");
    require(readingsPerDay >= 1 && readingsPerDay <= 86_400, "--readings-per-day must be between 1 and 86400");
    require(countries >= 1 && countries <= ChurnDataGenerator.COUNTRIES.size(),
        "--countries must be between 1 and " + ChurnDataGenerator.COUNTRIES.size());
    churnOdds.forEach(
        (country, factor) -> {
          require(ChurnDataGenerator.COUNTRIES.subList(0, countries).contains(country),
              "--churn-odds " + country + ": not one of the " + countries + " countries written");
          require(factor > 0, "--churn-odds " + country + "=" + factor + ": the factor must be above 0");
        });
    return this;
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
