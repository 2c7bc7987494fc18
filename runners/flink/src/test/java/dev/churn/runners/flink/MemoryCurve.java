package dev.churn.runners.flink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The memory of another JVM over time, sampled from outside as an operator would: its resident size
 * from {@code /proc/PID/status}, and its live heap (after a full collection, {@code jcmd GC.run}) from
 * {@code jcmd GC.heap_info}.
 */
final class MemoryCurve {
  /** One sample: seconds since the start, resident and live heap in MiB. */
  static final class Sample {
    final double seconds;
    final double residentMiB;
    final double liveHeapMiB;

    Sample(double seconds, double residentMiB, double liveHeapMiB) {
      this.seconds = seconds;
      this.residentMiB = residentMiB;
      this.liveHeapMiB = liveHeapMiB;
    }
  }

  private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");
  private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");

  private final long pid;
  private final long start = System.nanoTime();
  final List<Sample> samples = new ArrayList<>();

  MemoryCurve(long pid) {
    this.pid = pid;
  }

  /** Takes one sample (a full collection in the JVM first); false when the process has ended. */
  boolean sample() throws IOException, InterruptedException {
    Path status = Path.of("/proc/" + pid + "/status");
    if (!Files.exists(status)) {
      return false;
    }
    jcmd("GC.run");
    Matcher heap = HEAP_USED.matcher(jcmd("GC.heap_info"));
    Matcher rss = RSS.matcher(Files.readString(status));
    if (!heap.find() || !rss.find()) {
      return false;
    }
    samples.add(new Sample(seconds(), Long.parseLong(rss.group(1)) / 1024.0, Long.parseLong(heap.group(1)) / 1024.0));
    return true;
  }

  /** Seconds since the start. */
  double seconds() {
    return (System.nanoTime() - start) / 1e9;
  }

  /** The median of the samples taken between {@code fromSeconds} and {@code toSeconds}. */
  double median(double fromSeconds, double toSeconds, boolean resident) {
    double[] values =
        samples.stream().filter(s -> s.seconds >= fromSeconds && s.seconds <= toSeconds).mapToDouble(s -> resident ? s.residentMiB : s.liveHeapMiB).sorted().toArray();
    if (values.length == 0) {
      throw new AssertionError("no memory sample between " + fromSeconds + " s and " + toSeconds + " s");
    }
    return values[values.length / 2];
  }

  /** The curve as CSV: seconds, resident MiB, live heap MiB. */
  String csv() {
    StringBuilder csv = new StringBuilder("seconds,resident_mib,live_heap_mib\n");
    samples.forEach(s -> csv.append(String.format(Locale.ROOT, "%.0f,%.1f,%.1f%n", s.seconds, s.residentMiB, s.liveHeapMiB)));
    return csv.toString();
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    Process jcmd =
        new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid), command).redirectErrorStream(true).start();
    String output = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    jcmd.waitFor(1, TimeUnit.MINUTES);
    return output;
  }
}
