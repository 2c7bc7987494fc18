package dev.churn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.churn.models.registry.Json;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.Locale;

/**
 * One benchmark figure: a stage on a runner, its records per second, and a baseline's records per second
 * on the same input in the same process (a plain single-threaded loop computing the same results,
 * checked equal). Printed as one JSON line, and as a row of the table at the end.
 */
public final class Measurement {
  public final String stage;
  public final String runner;
  public final long records;
  public final double seconds;
  public final double baselineSeconds;
  /** Largest heap the stage used, in MiB: the sum of the heap pools' peaks, an upper bound. */
  public final long peakHeapMib;
  /** What was measured, in words (the batch size, the parallelism, ...). */
  public final String note;

  public Measurement(String stage, String runner, long records, double seconds, double baselineSeconds, long peakHeapMib, String note) {
    this.stage = stage;
    this.runner = runner;
    this.records = records;
    this.seconds = seconds;
    this.baselineSeconds = baselineSeconds;
    this.peakHeapMib = peakHeapMib;
    this.note = note;
  }

  public double recordsPerSecond() {
    return records / seconds;
  }

  public double baselineRecordsPerSecond() {
    return records / baselineSeconds;
  }

  /** The stage's speed over the baseline's: 0.1 means ten times slower than the plain loop. */
  public double ratioToBaseline() {
    return recordsPerSecond() / baselineRecordsPerSecond();
  }

  public String toJson() {
    ObjectNode json = Json.MAPPER.createObjectNode();
    json.put("stage", stage);
    json.put("runner", runner);
    json.put("records", records);
    json.put("seconds", round(seconds, 6));
    json.put("records_per_second", Math.round(recordsPerSecond()));
    json.put("baseline_records_per_second", Math.round(baselineRecordsPerSecond()));
    json.put("ratio_to_baseline", round(ratioToBaseline(), 4));
    json.put("peak_heap_mib", peakHeapMib);
    json.put("note", note);
    return json.toString();
  }

  /** Reads a line written by {@link #toJson()}, or null when the line is not one. */
  public static Measurement fromJson(String line) {
    if (!line.startsWith("{\"stage\"")) {
      return null;
    }
    try {
      JsonNode json = Json.MAPPER.readTree(line);
      long records = json.get("records").asLong();
      return new Measurement(
          json.get("stage").asText(),
          json.get("runner").asText(),
          records,
          json.get("seconds").asDouble(),
          records / json.get("baseline_records_per_second").asDouble(),
          json.get("peak_heap_mib").asLong(),
          json.get("note").asText());
    } catch (Exception e) {
      throw new IllegalArgumentException("not a benchmark line: " + line, e);
    }
  }

  private static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }

  /** Starts measuring the heap's peak afresh. */
  public static void resetPeakHeap() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /** The heap's peak since {@link #resetPeakHeap()}, in MiB. */
  public static long peakHeapMib() {
    long bytes = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        bytes += pool.getPeakUsage().getUsed();
      }
    }
    return bytes >> 20;
  }

  /** The measurements as a table, one row each. */
  public static void printTable(List<Measurement> measurements, PrintStream out) {
    String format = "%-18s %-22s %12s %9s %14s %14s %8s %9s  %s%n";
    out.printf(Locale.ROOT, format, "stage", "runner", "records", "seconds", "records/s", "baseline/s", "ratio", "heap MiB", "note");
    for (Measurement m : measurements) {
      out.printf(
          Locale.ROOT,
          format,
          m.stage,
          m.runner,
          String.format(Locale.ROOT, "%,d", m.records),
          String.format(Locale.ROOT, "%.2f", m.seconds),
          String.format(Locale.ROOT, "%,.0f", m.recordsPerSecond()),
          String.format(Locale.ROOT, "%,.0f", m.baselineRecordsPerSecond()),
          String.format(Locale.ROOT, "%.3f", m.ratioToBaseline()),
          m.peakHeapMib,
          m.note);
    }
  }
}
