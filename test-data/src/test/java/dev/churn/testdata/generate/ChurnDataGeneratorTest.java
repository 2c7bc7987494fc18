package dev.churn.testdata.generate;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ChurnDataGeneratorTest {
  @Rule public final TemporaryFolder folder = new TemporaryFolder();

  private static GeneratorSettings settings(long seed) {
    GeneratorSettings settings = new GeneratorSettings();
    settings.customers = 300;
    settings.readingsPerDay = 4;
    settings.countries = 5;
    settings.seed = seed;
    return settings;
  }

  private static final List<String> FILES =
      List.of("customers.csv", "interactions.csv", "devices.csv", "telemetry.csv", "customers.schema.yaml");

  @Test
  public void theSameSeedWritesTheSameFilesAndAnotherSeedOthers() throws Exception {
    Path a = folder.newFolder("a").toPath();
    Path b = folder.newFolder("b").toPath();
    Path c = folder.newFolder("c").toPath();
    new ChurnDataGenerator(settings(1)).writeTo(a, n -> {});
    new ChurnDataGenerator(settings(1)).writeTo(b, n -> {});
    new ChurnDataGenerator(settings(2)).writeTo(c, n -> {});
    for (String file : FILES) {
      assertArrayEquals(file, Files.readAllBytes(a.resolve(file)), Files.readAllBytes(b.resolve(file)));
    }
    assertFalse(new String(Files.readAllBytes(a.resolve("customers.csv"))).equals(new String(Files.readAllBytes(c.resolve("customers.csv")))));
  }

  @Test
  public void writesEveryInputWithTheCountsItReports() throws Exception {
    Path out = folder.newFolder("out").toPath();
    GeneratorSettings settings = settings(3);
    ChurnDataGenerator.Summary summary = new ChurnDataGenerator(settings).writeTo(out, n -> {});
    assertEquals(301, Files.readAllLines(out.resolve("customers.csv")).size());
    assertEquals(summary.interactions + 1, Files.readAllLines(out.resolve("interactions.csv")).size());
    assertEquals(summary.devices + 1, Files.readAllLines(out.resolve("devices.csv")).size());
    assertEquals(summary.readings + 1, Files.readAllLines(out.resolve("telemetry.csv")).size());
    assertTrue("some churn, not all: " + summary.churned, summary.churned > 30 && summary.churned < 200);
    // churned customers call to cancel after the end time: events a point-in-time join must ignore
    long cancelsAfterEnd =
        Files.readAllLines(out.resolve("interactions.csv")).stream()
            .skip(1)
            .map(l -> l.split(","))
            .filter(f -> f[3].equals("cancel"))
            .peek(f -> assertTrue(Double.parseDouble(f[1]) >= settings.end))
            .count();
    assertTrue(cancelsAfterEnd > 0);
    String schema = Files.readString(out.resolve("customers.schema.yaml"));
    assertTrue(schema, schema.contains("segment: country") && schema.contains("values: [US, GB, DE, FR, NL]"));
  }
}
