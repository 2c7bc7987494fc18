package dev.churn.pipelines.cli;

import dev.churn.pipelines.online.OnlineStore;
import picocli.CommandLine.Option;

/** {@code --online-store redis://HOST:PORT[/DB]}: the online store of event features. */
public final class OnlineStoreOption {
  @Option(names = "--online-store", paramLabel = "redis://HOST:PORT[/DB]", description = "the online store of each customer's latest event features, in Redis: stream and materialize write it, serve reads it")
  String uri;

  /** The store, checked; null without the option. */
  OnlineStore store() {
    return uri == null ? null : OnlineStore.at(uri);
  }
}
