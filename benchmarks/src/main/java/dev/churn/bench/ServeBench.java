package dev.churn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churn.models.registry.Json;
import dev.churn.models.score.Score;
import dev.churn.pipelines.serve.ScoreRequest;
import dev.churn.pipelines.serve.ServedModels;
import dev.churn.pipelines.serve.ServedVersions;
import dev.churn.pipelines.storage.RegistryLocation;
import dev.churn.transforms.InvalidInputException;
import dev.churn.transforms.Progress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.values.Row;

/**
 * The online endpoint under load: {@code churn serve} in a process of its own, and wrk, a second process
 * on loopback, sending the same request over a fixed number of connections for a fixed time at each
 * load (closed loop: a connection sends its next request when the answer comes). The baseline is the
 * scoring core the endpoint uses, called in this process on one thread for the same customers in the
 * same batch size: what HTTP, JSON and the request threads cost on top of scoring.
 */
final class ServeBench {
  /** Customers per request and connections: low load, then more, then batches. */
  private static final int[][] LOADS = {{1, 1}, {1, 4}, {1, 16}, {1, 64}, {100, 4}, {1000, 4}};
  private static final Pattern ADDRESS = Pattern.compile("at (http://\\S+/)");
  private static final Pattern RESULT =
      Pattern.compile("CHURN requests=(\\d+) errors=(\\d+) duration_us=(\\d+) p50=(\\d+) p95=(\\d+) p99=(\\d+)");

  private ServeBench() {}

  static List<Measurement> run(Path registry, String version, String customersFile, Path work, int seconds) {
    requireWrk();
    List<String> lines;
    try {
      lines = Files.readAllLines(Path.of(customersFile));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String header = lines.get(0);
    List<Measurement> measured = new ArrayList<>();
    Process server = startServer(registry, version);
    try {
      String address = address(server);
      long rssMib = residentMib(server.pid());
      Progress.say("churn serve (pid " + server.pid() + ") at " + address + ", resident " + rssMib + " MiB with " + version + " loaded; warming up ...");
      Path warmUp = script(work, "serve-1.lua", ScoreRequest.fromCsv(header, lines.subList(1, 2)));
      wrk(address, warmUp, 4, Math.max(2, seconds / 2));
      rssMib = residentMib(server.pid());
      try (ServedModels inProcess = ServedModels.open(RegistryLocation.of(registry), version, Duration.ZERO)) {
        ServedVersions served = inProcess.current();
        List<Row> rows = CustomerRows.read(customersFile, served.schema(), false);
        requireSameScores(address, ScoreRequest.fromCsv(header, lines.subList(1, 1001)), served.score(rows.subList(0, 1000)));
        for (int[] load : LOADS) {
          int batch = load[0];
          int connections = load[1];
          Path script = script(work, "serve-" + batch + ".lua", ScoreRequest.fromCsv(header, lines.subList(1, 1 + batch)));
          Progress.say(String.format(Locale.ROOT, "serve: %d customer(s) per request over %d connection(s) for %d s ...", batch, connections, seconds));
          long[] result = wrk(address, script, connections, seconds);
          long requests = result[0];
          double duration = result[2] / 1e6;
          double baselinePerSecond = baselineCustomersPerSecond(served, rows.subList(0, batch));
          long customers = requests * batch;
          String note = String.format(Locale.ROOT,
              "%d customer(s)/request, %d connection(s): %.0f requests/s, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, %d errors; server RSS %d MiB",
              batch, connections, requests / duration, result[3] / 1e3, result[4] / 1e3, result[5] / 1e3, result[1], rssMib);
          measured.add(new Measurement("serve", "http", customers, duration, customers / baselinePerSecond, 0, note));
        }
      }
    } finally {
      server.destroy();
      try {
        server.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      server.destroyForcibly();
    }
    return measured;
  }

  private static void requireWrk() {
    try {
      if (new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start().waitFor() > 1) {
        throw new IOException("wrk --version failed");
      }
    } catch (IOException e) {
      throw new InvalidInputException("the serve stage loads the endpoint with wrk, which is not on the PATH (Debian: apt-get install wrk)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code churn serve} with this program's class path and JVM, the version pinned. */
  private static Process startServer(Path registry, String version) {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "-Xmx1g", "-Dorg.bytedeco.javacpp.maxphysicalbytes=0",
        "-cp", System.getProperty("java.class.path"), "dev.churn.pipelines.cli.ChurnCli",
        "serve", "--registry", registry.toString(), "--model-version", version, "--port", "0", "--model-refresh", "0"));
    try {
      return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start churn serve: " + e.getMessage(), e);
    }
  }

  /** The address the server prints when it listens. */
  private static String address(Process server) {
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        Matcher address = ADDRESS.matcher(line);
        if (address.find()) {
          return address.group(1);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException("churn serve ended before it listened (its messages are above)");
  }

  /** A wrk script that posts {@code body} and prints the figures this bench reads. */
  private static Path script(Path work, String name, String body) {
    String lua = "wrk.method = \"POST\"\n"
        + "wrk.headers[\"Content-Type\"] = \"application/json\"\n"
        + "wrk.body = [==[" + body + "]==]\n"
        + "done = function(summary, latency, requests)\n"
        + "  local e = summary.errors\n"
        + "  io.write(string.format(\"CHURN requests=%d errors=%d duration_us=%d p50=%d p95=%d p99=%d\\n\",\n"
        + "    summary.requests, e.connect + e.read + e.write + e.status + e.timeout, summary.duration,\n"
        + "    latency:percentile(50), latency:percentile(95), latency:percentile(99)))\n"
        + "end\n";
    try {
      Files.createDirectories(work);
      return Files.writeString(work.resolve(name), lua);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Requests, errors, duration (µs), p50, p95, p99 (µs) of one wrk run. */
  private static long[] wrk(String address, Path script, int connections, int seconds) {
    List<String> command = List.of("wrk", "-t", String.valueOf(Math.min(2, connections)), "-c", String.valueOf(connections),
        "-d", seconds + "s", "--timeout", "5s", "-s", script.toString(), address + "v1/score");
    try {
      Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (wrk.waitFor() != 0) {
        throw new IllegalStateException("wrk failed: " + output);
      }
      Matcher result = RESULT.matcher(output);
      if (!result.find()) {
        throw new IllegalStateException("wrk printed no result: " + output);
      }
      long[] figures = new long[6];
      for (int i = 0; i < figures.length; i++) {
        figures[i] = Long.parseLong(result.group(i + 1));
      }
      if (figures[1] > 0) {
        throw new IllegalStateException(figures[1] + " of " + figures[0] + " requests failed under load: " + output);
      }
      return figures;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The endpoint's answer for the body, checked against the scoring core's in this process. */
  private static void requireSameScores(String address, String body, List<Score> expected) {
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(address + "v1/score")).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode scores = Json.MAPPER.readTree(response.body()).get("scores");
      if (response.statusCode() != 200 || scores == null || scores.size() != expected.size()) {
        throw new IllegalStateException("the endpoint answered " + response.statusCode() + ": " + response.body());
      }
      for (int i = 0; i < expected.size(); i++) {
        double probability = scores.get(i).get("churn_probability").asDouble();
        if (Math.abs(probability - expected.get(i).churnProbability) > 1e-12) {
          throw new IllegalStateException("the endpoint's score of " + expected.get(i).customerId + " is " + probability
              + ", the scoring core's " + expected.get(i).churnProbability);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Customers per second of the scoring core alone, on this thread, in batches of {@code batch.size()}. */
  private static double baselineCustomersPerSecond(ServedVersions served, List<Row> batch) {
    for (int i = 0; i < 200; i++) {
      served.score(batch); // warm-up
    }
    long scored = 0;
    long start = System.nanoTime();
    while (System.nanoTime() - start < 1_000_000_000L) {
      scored += served.score(batch).size();
    }
    return scored / ((System.nanoTime() - start) / 1e9);
  }

  /** The resident size of a process, from /proc (0 where there is none). */
  private static long residentMib(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux
    }
    return 0;
  }
}
