package dev.churn.pipelines.storage;

import dev.churn.models.registry.Decision;
import dev.churn.models.registry.ModelRegistry;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * What every {@link dev.churn.models.registry.RegistryStorage} must guarantee, checked on a real registry: trainers publishing at
 * the same time get distinct versions that hold exactly what each staged, and alias changes made at the
 * same time are all kept, each with its decision.
 */
public final class RegistryContract {
  private static final int WRITERS = 3;
  private static final int EACH = 4;

  private RegistryContract() {}

  public static void concurrentWritersLoseNothing(ModelRegistry registry) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    try {
      List<Future<List<String>>> published = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        published.add(pool.submit(publishing(registry, writer)));
      }
      Set<String> contents = new HashSet<>();
      for (Future<List<String>> versions : published) {
        for (String version : versions.get()) {
          contents.add(Files.readString(registry.versionFolder(version).resolve(ModelRegistry.METADATA)));
        }
      }
      assertThat(registry.versions(), hasSize(WRITERS * EACH));
      assertThat("every version holds what one trainer staged", contents, hasSize(WRITERS * EACH));

      List<Future<?>> updates = new ArrayList<>();
      for (int w = 0; w < WRITERS * EACH; w++) {
        String segment = "segment-" + w;
        updates.add(pool.submit(() -> registry.updateAliases(aliases -> {
          aliases.promote(segment, "v0001");
          return List.of(Decision.of(Decision.PROMOTE, segment, "v0001", null, "concurrent"));
        })));
      }
      for (Future<?> update : updates) {
        update.get();
      }
      assertThat(registry.aliases().segments.keySet(), hasSize(WRITERS * EACH));
      assertThat(registry.decisions(), hasSize(WRITERS * EACH));
    } finally {
      pool.shutdownNow();
    }
  }

  private static Callable<List<String>> publishing(ModelRegistry registry, int writer) {
    return () -> {
      List<String> versions = new ArrayList<>();
      for (int i = 0; i < EACH; i++) {
        String staging = registry.newStaging();
        ResourceId metadata = FileSystems.matchNewResource(staging + "/" + ModelRegistry.METADATA, false);
        try (OutputStream out = Channels.newOutputStream(FileSystems.create(metadata, "application/json"))) {
          out.write(("{\"writer\":" + writer + ",\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8));
        }
        versions.add(registry.publish(staging));
      }
      assertThat(versions.size(), equalTo(EACH));
      return versions;
    };
  }
}
