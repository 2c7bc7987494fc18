package dev.churn.testdata.generate;

import dev.churn.testdata.TelcoSample;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * Writes a synthetic churn data set whose customers, interactions, devices and telemetry look like the
 * real samples: customer attributes are resampled from the IBM Telco file (plus a {@code country} to
 * segment by), device behaviour follows the three devices of the real telemetry sample (temperature,
 * humidity, read-error and redelivery rates measured from it when the generator starts).
 *
 * <p>The churn label depends on the customer's Telco label and on a hidden dissatisfaction score that
 * also drives events, so interaction and telemetry features carry real signal: dissatisfied customers
 * call support more, visit the web site less, mention the company on social media, have more sensor
 * read errors, colder homes, and more often a device that went silent. Churned customers also call to
 * cancel in the days <em>after</em> the end time: a pipeline that lets events after the cutoff leak into
 * features would look far better than it is.
 *
 * <p>Drift can be planted to rehearse monitoring: {@link GeneratorSettings#shift} adds an amount to a
 * numeric column, {@link GeneratorSettings#churnOdds} multiplies one country's churn odds.
 *
 * <p>Each customer is generated from its own seeded random stream and written before the next one, so
 * memory stays flat in the number of customers and the output depends only on the settings.
 */
public final class ChurnDataGenerator {
  static final double DAY = 86_400;
  static final double HOUR = 3_600;

  /** Country codes, most customers first (sizes fall as 1/sqrt(rank)). */
  static final List<String> COUNTRIES =
      List.of(
          "US", "GB", "DE", "FR", "NL", "ES", "IT", "CA", "AU", "SE", "BE", "PL", "AT", "CH", "DK", "NO", "FI",
          "IE", "PT", "CZ", "HU", "RO", "GR", "SK", "SI", "HR", "BG", "LT", "LV", "EE", "LU", "MT", "CY", "IS",
          "NZ", "JP", "KR", "SG", "MX", "BR", "AR", "CL", "CO", "PE", "ZA", "IN", "IL", "TR", "AE", "UY");

  private final GeneratorSettings settings;
  private final List<String[]> telco;
  private final String telcoHeader;
  private final List<DeviceProfile> profiles;
  private final double[] countryWeights;
  /** Positions of the shifted columns in a Telco row, and the amounts. */
  private final Map<Integer, Double> shifts = new TreeMap<>();

  public ChurnDataGenerator(GeneratorSettings settings) {
    this.settings = settings.validate();
    List<String> lines = TelcoSample.lines();
    this.telcoHeader = lines.get(0);
    this.telco = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      telco.add(line.split(",", -1));
    }
    List<String> columns = List.of(telcoHeader.split(",", -1));
    settings.shift.forEach(
        (column, amount) -> {
          int position = columns.indexOf(column);
          if (position < 0) {
            throw new IllegalArgumentException("--shift " + column + ": not a column of the customers file " + columns);
          }
          shifts.put(position, amount);
        });
    this.profiles = DeviceProfile.fromSample();
    this.countryWeights = new double[settings.countries];
    double total = 0;
    for (int c = 0; c < settings.countries; c++) {
      total += 1 / Math.sqrt(c + 1);
      countryWeights[c] = total;
    }
    for (int c = 0; c < settings.countries; c++) {
      countryWeights[c] /= total;
    }
  }

  /** What was written. */
  public static final class Summary {
    public long customers;
    public long churned;
    public long interactions;
    public long devices;
    public long readings;
  }

  /**
   * Writes {@code customers.csv}, {@code interactions.csv}, {@code devices.csv}, {@code telemetry.csv}
   * and the dataset schema {@code customers.schema.yaml} into {@code folder}.
   *
   * @param progress called with the number of customers written, every 10,000
   */
  public Summary writeTo(Path folder, LongConsumer progress) throws IOException {
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("customers.schema.yaml"), schemaYaml());
    Summary summary = new Summary();
    try (BufferedWriter customers = open(folder.resolve("customers.csv"));
        BufferedWriter interactions = open(folder.resolve("interactions.csv"));
        BufferedWriter devices = open(folder.resolve("devices.csv"));
        BufferedWriter telemetry = open(folder.resolve("telemetry.csv"))) {
      customers.write(telcoHeader + ",country\n");
      interactions.write("customer_id,ts,channel,kind\n");
      devices.write("device_id,customer_id,installed_at\n");
      telemetry.write("ts,device_id,device,humidity,temp\n");
      for (long i = 0; i < settings.customers; i++) {
        CustomerWriter writer = new CustomerWriter(i, new SplittableRandom(settings.seed * 1_000_003L + i));
        writer.write(customers, interactions, devices, telemetry, summary);
        if ((i + 1) % 10_000 == 0) {
          progress.accept(i + 1);
        }
      }
    }
    return summary;
  }

  private static BufferedWriter open(Path file) throws IOException {
    return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
  }

  /** The Telco schema with {@code country} as the segment. */
  String schemaYaml() throws IOException {
    String telcoSchema;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(TelcoSample.SCHEMA_RESOURCE)) {
      telcoSchema = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String countries = String.join(", ", COUNTRIES.subList(0, settings.countries));
    return telcoSchema
        .replace("# Dataset schema for the IBM Telco customer churn file (telco-customer-churn.csv).",
            "# Dataset schema of generated customers: the IBM Telco columns plus country, the segment.")
        .replace("name: telco", "name: generated")
        .replace("segment: Contract", "segment: country")
        .replace("categorical:\n", "categorical:\n  - name: country\n    values: [" + countries + "]\n");
  }

  /** A numeric cell plus {@code amount}; a blank cell stays blank. */
  private static String shifted(String cell, double amount) {
    if (cell.isBlank()) {
      return cell;
    }
    return String.format(Locale.ROOT, "%.2f", Double.parseDouble(cell.trim()) + amount);
  }

  private String country(SplittableRandom random) {
    double u = random.nextDouble();
    for (int c = 0; c < countryWeights.length; c++) {
      if (u < countryWeights[c]) {
        return COUNTRIES.get(c);
      }
    }
    return COUNTRIES.get(countryWeights.length - 1);
  }

  /** One customer and its events. */
  private final class CustomerWriter {
    private final String id;
    private final SplittableRandom random;

    CustomerWriter(long index, SplittableRandom random) {
      this.id = String.format(Locale.ROOT, "G%07d", index + 1);
      this.random = random;
    }

    void write(BufferedWriter customers, BufferedWriter interactions, BufferedWriter devices, BufferedWriter telemetry, Summary summary)
        throws IOException {
      String[] row = telco.get(random.nextInt(telco.size())).clone();
      double dissatisfaction = gaussian();
      boolean telcoChurned = row[row.length - 1].equals("Yes");
      double draw = random.nextDouble();
      String country = country(random);
      double logit = (telcoChurned ? 0.85 : -2.0) + 1.3 * dissatisfaction + Math.log(settings.churnOdds.getOrDefault(country, 1.0));
      boolean churned = draw < 1 / (1 + Math.exp(-logit));
      row[0] = id;
      row[row.length - 1] = churned ? "Yes" : "No";
      shifts.forEach((position, amount) -> row[position] = shifted(row[position], amount));
      customers.write(String.join(",", row) + "," + country + "\n");
      summary.customers++;
      summary.churned += churned ? 1 : 0;

      summary.interactions += writeInteractions(interactions, dissatisfaction, churned);
      int deviceCount = random.nextDouble() < 0.35 ? 0 : random.nextDouble() < 0.7 ? 1 : 2;
      for (int d = 0; d < deviceCount; d++) {
        summary.devices++;
        summary.readings += writeDevice(devices, telemetry, id + "-" + (d + 1), dissatisfaction);
      }
    }

    private long writeInteractions(BufferedWriter out, double z, boolean churned) throws IOException {
      double start = settings.end - settings.days * DAY;
      long written = 0;
      written += poisson(out, "web", "visit", 0.15 * Math.exp(-0.5 * z), start, settings.end);
      written += poisson(out, "call", "support", 0.03 * Math.exp(0.8 * z), start, settings.end);
      written += poisson(out, "call", "complaint", 0.02 * Math.exp(1.2 * z), settings.end - 21 * DAY, settings.end);
      written += poisson(out, "email", "newsletter", 0.05, start, settings.end);
      written += poisson(out, "social", "mention", 0.01 * Math.exp(0.9 * z), start, settings.end);
      if (churned && random.nextDouble() < 0.8) { // after the cutoff: must never reach a feature
        writeInteraction(out, settings.end + random.nextDouble() * 7 * DAY, "call", "cancel");
        written++;
      }
      written += poisson(out, "web", "visit", 0.15, settings.end, settings.end + 7 * DAY);
      return written;
    }

    /** Events of a Poisson process with {@code perDay} events a day in [from, to). */
    private long poisson(BufferedWriter out, String channel, String kind, double perDay, double from, double to) throws IOException {
      long n = 0;
      for (double t = from + exponential(perDay / DAY); t < to; t += exponential(perDay / DAY)) {
        writeInteraction(out, t, channel, kind);
        n++;
      }
      return n;
    }

    private void writeInteraction(BufferedWriter out, double ts, String channel, String kind) throws IOException {
      out.write(id + "," + seconds(ts) + "," + channel + "," + kind + "\n");
    }

    private long writeDevice(BufferedWriter devices, BufferedWriter telemetry, String deviceId, double z) throws IOException {
      DeviceProfile profile = profiles.get(random.nextInt(profiles.size()));
      double telemetryStart = settings.end - settings.telemetryDays * DAY;
      double installedAt = random.nextDouble() < 0.9
          ? telemetryStart - random.nextDouble() * 365 * DAY
          : telemetryStart + random.nextDouble() * (settings.end - telemetryStart);
      devices.write(deviceId + "," + id + "," + java.time.Instant.ofEpochSecond((long) installedAt) + "\n");

      // a dissatisfied customer's device more often went silent some time before the end
      double silentFrom = random.nextDouble() < 1 / (1 + Math.exp(-(1.5 * z - 2.0)))
          ? settings.end - (12 + random.nextDouble() * 150) * HOUR
          : Double.POSITIVE_INFINITY;
      double glitchRate = Math.min(0.3, Math.max(profile.glitchRate, 0.002) * 4 * Math.exp(1.2 * z));
      double duplicateRate = Math.max(profile.duplicateRate, 0.001);
      double tempShift = -0.8 * z;
      double interval = DAY / settings.readingsPerDay;
      long written = 0;
      double temp = profile.tempMean + tempShift;
      double humidity = profile.humidityMean;
      for (double t = Math.max(installedAt, telemetryStart) + random.nextDouble() * interval;
          t < Math.min(silentFrom, settings.end + 2 * DAY);
          t += interval * (0.7 + 0.6 * random.nextDouble())) {
        // slow random walk around the profile's level, with its spread
        temp += 0.2 * (profile.tempMean + tempShift - temp) + 0.5 * profile.tempStd * gaussian();
        humidity += 0.2 * (profile.humidityMean - humidity) + 0.5 * profile.humidityStd * gaussian();
        double readTemp = temp;
        double readHumidity = Math.max(0, Math.min(100, humidity));
        if (random.nextDouble() < glitchRate) { // a DHT22 read error, like the sample's
          readTemp = random.nextBoolean() ? temp - 13 : temp;
          readHumidity = readTemp == temp ? Math.max(0, humidity - 25 - 20 * random.nextDouble()) : readHumidity;
        }
        String line = seconds(t) + "," + deviceId + "," + profile.name + "," + round1(readHumidity) + "," + round1(readTemp) + "\n";
        telemetry.write(line);
        written++;
        if (random.nextDouble() < duplicateRate) { // an MQTT redelivery
          telemetry.write(line);
          written++;
        }
      }
      return written;
    }

    private double gaussian() {
      // Box-Muller on the customer's own stream
      double u = 1 - random.nextDouble();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private double exponential(double rate) {
      return -Math.log(1 - random.nextDouble()) / rate;
    }
  }

  private static String seconds(double ts) {
    return String.format(Locale.ROOT, "%.3f", ts);
  }

  private static String round1(double x) {
    return String.format(Locale.ROOT, "%.1f", x);
  }
}
