package dev.churn.pipelines.stream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import dev.churn.pipelines.EmbeddedKafka;
import dev.churn.pipelines.KafkaStreamScenario;
import dev.churn.pipelines.ScoreFiles;
import dev.churn.pipelines.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import sun.misc.Signal;

/**
 * {@code churn stream} without an end, on the DirectRunner, stopped by SIGTERM as an orchestrator stops
 * it once it has scored some intervals: it exits 0, and every score file it wrote is whole.
 */
public class StreamStopIT {
  @Rule public TemporaryFolder folder = new TemporaryFolder();

  private static long scoreRows(Path output) throws Exception {
    if (!Files.isDirectory(output)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(output)) {
      if (files.noneMatch(f -> f.getFileName().toString().startsWith("scores-"))) {
        return 0;
      }
    }
    return ScoreFiles.read(output).size();
  }

  @Test
  public void sigtermStopsTheStreamWithStatusZeroAndWholeFiles() throws Exception {
    Path root = folder.getRoot().toPath();
    KafkaStreamScenario.Prepared prepared = KafkaStreamScenario.prepare(root);
    ExecutorService background = Executors.newSingleThreadExecutor();
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopic("telemetry", 1);
      kafka.produce("telemetry", prepared.messages, KafkaStreamScenario::deviceOf);
      Path output = root.resolve("stream");
      List<String> arguments = prepared.streamArguments("direct", kafka.bootstrapServers(), "telemetry");
      arguments.addAll(List.of("--output", output.toString(), "--run-id", "stop-test"));
      Future<Cli> streaming = background.submit(() -> Cli.run(arguments.toArray(new String[0])));
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
      while (!streaming.isDone() && scoreRows(output) == 0) {
        assertThat("scores written within 4 minutes", System.nanoTime() < deadline, equalTo(true));
        Thread.sleep(500);
      }
      assertThat("the stream runs until stopped", streaming.isDone(), equalTo(false));
      Signal.raise(new Signal("TERM"));
      Cli stopped = streaming.get(2, TimeUnit.MINUTES);
      assertThat(stopped.err, stopped.exitCode, equalTo(0));
      assertThat(stopped.err, containsString("SIGTERM: stopping the stream"));
      assertThat(stopped.err, containsString("streaming run stop-test stopped after"));
      // every row of every file parses: no file was cut off
      assertThat(scoreRows(output), greaterThan(0L));
    } finally {
      background.shutdownNow();
    }
  }
}
