package dev.churn.pipelines.serve;

import dev.churn.models.registry.ModelChoice;
import dev.churn.models.registry.ModelRegistry;
import dev.churn.pipelines.jobs.ScoringInputs;
import dev.churn.pipelines.storage.RegistryLocation;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model versions the endpoint scores with: a pinned {@code --model-version}, or the registry's
 * champions, re-read every refresh interval. A change of champions loads the new versions completely
 * first and then replaces the whole {@link ServedVersions} in one step: a request takes the current
 * one once, so it is scored by one set of versions, never by a mix, and no request waits for a load.
 * A failed refresh keeps the versions being served and is logged and counted.
 */
public final class ServedModels implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServedModels.class);

  private final RegistryLocation registry;
  private final String pinnedVersion;
  private final AtomicReference<ServedVersions> current = new AtomicReference<>();
  private final LongAdder swaps = new LongAdder();
  private final LongAdder failedRefreshes = new LongAdder();
  private final ScheduledExecutorService refresher;

  private ServedModels(RegistryLocation registry, String pinnedVersion, Duration refresh) {
    this.registry = registry;
    this.pinnedVersion = pinnedVersion;
    current.set(load(ScoringInputs.choose(registry.open(), pinnedVersion)));
    if (pinnedVersion == null && !refresh.isZero()) {
      refresher =
          Executors.newSingleThreadScheduledExecutor(
              task -> {
                Thread thread = new Thread(task, "churn-serve-champion-refresh");
                thread.setDaemon(true);
                return thread;
              });
      refresher.scheduleWithFixedDelay(this::refreshLogged, refresh.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS);
    } else {
      refresher = null;
    }
  }

  /**
   * Loads what {@code registry} serves: {@code modelVersion} for every segment, or (null) the champions,
   * followed every {@code refresh} (zero: never).
   */
  public static ServedModels open(RegistryLocation registry, String modelVersion, Duration refresh) {
    return new ServedModels(registry, modelVersion, refresh);
  }

  /** The versions to score the next request with. */
  public ServedVersions current() {
    return current.get();
  }

  /** Whether a version is pinned ({@code --model-version}), so that champions are not followed. */
  public boolean pinned() {
    return pinnedVersion != null;
  }

  /** Times the served versions were replaced. */
  public long swaps() {
    return swaps.sum();
  }

  public long failedRefreshes() {
    return failedRefreshes.sum();
  }

  /** Re-reads the champions and, when they changed, loads and serves them; whether it swapped. */
  public synchronized boolean refresh() {
    if (pinned()) {
      return false;
    }
    ModelChoice champions = registry.open().champions();
    ServedVersions serving = current.get();
    if (champions.toString().equals(serving.choice().toString())) {
      return false;
    }
    ServedVersions next = load(champions);
    current.set(next);
    swaps.increment();
    LOG.info("serving the new champions {} (were {})", champions, serving.choice());
    return true;
  }

  private void refreshLogged() {
    try {
      refresh();
    } catch (RuntimeException e) {
      failedRefreshes.increment();
      LOG.warn("champion refresh of {} failed, still serving {}: {}", registry, current.get().choice(), e.getMessage());
    }
  }

  private ServedVersions load(ModelChoice choice) {
    ModelRegistry models = registry.open();
    return new ServedVersions(choice, ScoringInputs.loadAll(models, choice));
  }

  @Override
  public void close() {
    if (refresher != null) {
      refresher.shutdownNow();
    }
  }
}
