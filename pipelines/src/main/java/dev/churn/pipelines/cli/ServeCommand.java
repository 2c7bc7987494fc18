package dev.churn.pipelines.cli;

import dev.churn.pipelines.serve.ScoringServer;
import dev.churn.pipelines.serve.ServedModels;
import dev.churn.pipelines.sink.ScoreTable;
import dev.churn.transforms.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code churn serve}: the online endpoint over a registry's champions, until stopped (Ctrl-C, SIGTERM). */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Score customers online: POST /v1/score with {\"customers\": [{COLUMN: VALUE, ...}]}; GET /v1/models, /healthz, /metrics.",
      "GET / is a page for the business: the highest-risk customers per segment with their reasons, and a form that scores one customer.",
      "With CHURN_API_KEY set, every request but /healthz needs the header Authorization: Bearer KEY."
    })
public final class ServeCommand implements Callable<Integer> {
  private static final ScoringServer.Settings DEFAULTS = new ScoringServer.Settings();

  @Mixin RegistryOption registry;

  @Mixin BlobEndpointOption blobEndpoint;

  @Mixin OnlineStoreOption onlineStore;

  @Option(names = "--model-version", description = "serve this version for every segment (default: the champions, followed as they change)")
  String modelVersion;

  @Option(names = "--host", description = "address to listen on (default: ${DEFAULT-VALUE}, this machine only)")
  String host = DEFAULTS.host;

  @Option(names = "--port", description = "port to listen on, 0 for any free one (default: ${DEFAULT-VALUE})")
  int port = DEFAULTS.port;

  @Option(names = "--model-refresh", description = "seconds between reads of the registry's champions; 0 never (default: ${DEFAULT-VALUE})")
  long refreshSeconds = 30;

  @Option(names = "--max-customers", description = "customers one request may hold (default: ${DEFAULT-VALUE})")
  int maxCustomers = DEFAULTS.maxCustomers;

  @Option(names = "--max-body-mb", description = "largest request body in MB (default: ${DEFAULT-VALUE})")
  int maxBodyMb = DEFAULTS.maxBodyBytes >> 20;

  @Option(names = "--threads", description = "request threads (default: ${DEFAULT-VALUE})")
  int threads = DEFAULTS.threads;

  @Option(names = "--scores-jdbc-url", description = "the page at / shows the latest run of the score table in this database (default: the customers this endpoint scored last)")
  String scoresJdbcUrl;

  @Option(names = "--scores-table", description = "that score table (default: " + ScoreTable.DEFAULT_NAME + ")")
  String scoresTable;

  @Option(names = "--scores-jdbc-user", description = "its database user")
  String scoresJdbcUser;

  @Option(names = "--scores-jdbc-password-env", description = "environment variable holding its password (default: " + JdbcOptions.DEFAULT_PASSWORD_ENV + ", when set)")
  String scoresJdbcPasswordEnv;

  @Override
  public Integer call() throws InterruptedException {
    require(port >= 0 && port <= 65535, "--port " + port + ": use 0 to 65535 (0: any free port)");
    require(maxCustomers >= 1, "--max-customers " + maxCustomers + ": use 1 or more");
    require(maxBodyMb >= 1 && maxBodyMb <= 1024, "--max-body-mb " + maxBodyMb + ": use 1 to 1024");
    require(threads >= 1, "--threads " + threads + ": use 1 or more");
    require(refreshSeconds >= 0, "--model-refresh " + refreshSeconds + ": use 0 (never) or more seconds");
    ScoringServer.Settings settings = new ScoringServer.Settings();
    settings.host = host;
    settings.port = port;
    settings.maxCustomers = maxCustomers;
    settings.maxBodyBytes = maxBodyMb << 20;
    settings.threads = threads;
    settings.apiKey = System.getenv("CHURN_API_KEY");
    settings.onlineStore = onlineStore.store();
    settings.scoresTable = JdbcOptions.table(scoresJdbcUrl, scoresTable, ScoreTable.DEFAULT_NAME, scoresJdbcUser, scoresJdbcPasswordEnv, "scores-");
    if (settings.apiKey != null && settings.apiKey.isBlank()) {
      throw new InvalidInputException("CHURN_API_KEY is set but blank: set a key, or unset it to serve without one");
    }
    ServedModels models = ServedModels.open(registry.at(blobEndpoint), modelVersion, Duration.ofSeconds(refreshSeconds));
    ScoringServer server;
    try {
      server = ScoringServer.start(models, settings);
    } catch (BindException e) {
      models.close();
      throw new InvalidInputException("--host " + host + " --port " + port + ": cannot listen there: " + e.getMessage(), e);
    } catch (IOException e) {
      models.close();
      throw new UncheckedIOException(e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "churn-serve-stop"));
    System.out.printf("serving %s from %s at %s (the page for the business at /, the API under /v1; %s%s; Ctrl-C stops)%n",
        models.current().choice(), registry.location, server.address(), settings.apiKey == null ? "no API key" : "API key required",
        settings.onlineStore == null ? "" : "; event features from " + settings.onlineStore);
    System.out.flush();
    server.awaitClose();
    return ChurnCli.OK;
  }

  private static void require(boolean valid, String message) {
    if (!valid) {
      throw new InvalidInputException(message);
    }
  }
}
