package dev.churn.pipelines.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.churn.models.score.Score;
import dev.churn.pipelines.online.OnlineStore;
import dev.churn.pipelines.sink.ScoreTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The online endpoint, on the JDK's HTTP server: {@code POST /v1/score} scores customers with the
 * scoring core of batch scoring ({@link ServedVersions}), {@code GET /v1/models} says which versions
 * serve which segments, {@code GET /healthz} answers when the server is up, {@code GET /metrics} counts
 * in Prometheus' format, {@code GET /} is the page for the business ({@link RiskPage}) and
 * {@code GET /v1/risk} the summary it shows ({@link RiskSummary}). With an API key every request but
 * {@code /healthz} and the page (which holds no customer data) needs {@code Authorization: Bearer KEY}. A refused request gets its status and {@code {"error": "..."}}
 * with one line; nothing a request sends reaches a log.
 */
public final class ScoringServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ScoringServer.class);
  /** The status counted for a request whose client closed the connection before the answer (as nginx counts it). */
  static final int CLIENT_GONE = 499;
  static final String SCORE = "/v1/score";
  static final String MODELS = "/v1/models";
  static final String HEALTH = "/healthz";
  static final String METRICS = "/metrics";
  static final String PAGE = "/";
  static final String RISK = "/v1/risk";
  private static final Set<String> PATHS = Set.of(SCORE, MODELS, HEALTH, METRICS, PAGE, RISK);
  /** Paths answered without the API key: they hold no customer data. */
  private static final Set<String> OPEN_PATHS = Set.of(HEALTH, PAGE);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static {
    // The JDK's server writes a response's headers and body separately: with Nagle's algorithm on, the
    // body waits for the client's delayed acknowledgement of the headers, 40 ms on Linux per request.
    // Read once, when the server's configuration class loads.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  /** How the server listens and what it accepts. */
  public static final class Settings {
    public String host = "127.0.0.1";
    /** 0 for any free port. */
    public int port = 8080;
    public int maxBodyBytes = 10 << 20;
    public int maxCustomers = 10_000;
    public int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    /** Requests must carry {@code Authorization: Bearer apiKey}; null for none. */
    public String apiKey;
    /**
     * The score table whose latest run the page shows; null to show the customers the endpoint scored
     * last.
     */
    public ScoreTable scoresTable;
    /** Where to look up the event features a request does not give; null for nowhere. */
    public OnlineStore onlineStore;
  }

  private final ServedModels models;
  private final Settings settings;
  private final HttpServer server;
  private final ExecutorService workers;
  private final ServerMetrics metrics = new ServerMetrics();
  /** The customers scored last, when the page shows them (no score table); else null. */
  private final RecentScores recent;
  private final Supplier<RiskSummary> risk;
  /** Null without an online store. */
  private final OnlineFeatures onlineFeatures;
  private final byte[] expectedAuthorization;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicBoolean closing = new AtomicBoolean();

  private ScoringServer(ServedModels models, Settings settings) throws IOException {
    this.models = models;
    this.settings = settings;
    this.expectedAuthorization = settings.apiKey == null ? null : ("Bearer " + settings.apiKey).getBytes(StandardCharsets.UTF_8);
    this.recent = settings.scoresTable == null ? new RecentScores(RecentScores.CAPACITY) : null;
    this.risk = recent != null ? recent : new TableScores(settings.scoresTable, TableScores.MAX_AGE);
    this.onlineFeatures = settings.onlineStore == null ? null : new OnlineFeatures(settings.onlineStore);
    this.server = HttpServer.create(new InetSocketAddress(settings.host, settings.port), 1024);
    AtomicInteger number = new AtomicInteger();
    this.workers =
        Executors.newFixedThreadPool(settings.threads, task -> {
          Thread thread = new Thread(task, "churn-serve-" + number.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
    server.setExecutor(workers);
    server.createContext("/", this::handle);
  }

  /** Listens with {@code settings} and serves {@code models} until {@link #close}. */
  public static ScoringServer start(ServedModels models, Settings settings) throws IOException {
    ScoringServer scoring = new ScoringServer(models, settings);
    if (settings.scoresTable != null) {
      try {
        scoring.risk.get();
      } catch (IllegalStateException e) {
        LOG.warn("the page will show no scores until the table can be read: {}", e.getMessage());
      }
    }
    scoring.server.start();
    return scoring;
  }

  /** Where it listens: {@code http://127.0.0.1:8080/}. */
  public URI address() {
    return URI.create("http://" + settings.host + ":" + server.getAddress().getPort() + "/");
  }

  public ServedModels models() {
    return models;
  }

  /** Blocks until the server is closed. */
  public void awaitClose() throws InterruptedException {
    stopped.await();
  }

  /**
   * Stops listening, lets requests in progress finish (up to a second) and stops following the
   * registry; a second call does nothing.
   */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    server.stop(1);
    workers.shutdown();
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    models.close();
    if (onlineFeatures != null) {
      onlineFeatures.close();
    }
    stopped.countDown();
  }

  private void handle(HttpExchange exchange) {
    long start = System.nanoTime();
    String path = exchange.getRequestURI().getPath();
    int status = 500;
    try {
      status = route(exchange, path);
    } catch (IOException e) {
      LOG.debug("{} {}: the client went away: {}", exchange.getRequestMethod(), path, e.toString());
      status = CLIENT_GONE;
    } catch (RuntimeException e) {
      LOG.warn("{} {} failed: {}", exchange.getRequestMethod(), path, e.toString());
      try {
        status = sendError(exchange, 500, "the request failed on the server: " + e.getClass().getSimpleName());
      } catch (IOException | RuntimeException unsent) {
        // the response had begun, or the client is gone: the status stays 500
      }
    } finally {
      metrics.request(PATHS.contains(path) ? path : "other", status, System.nanoTime() - start);
      exchange.close();
    }
  }

  private int route(HttpExchange exchange, String path) throws IOException {
    if (!PATHS.contains(path)) {
      return sendError(exchange, 404, "no such path: " + (path.length() > 64 ? path.substring(0, 64) + "..." : path)
          + " (POST " + SCORE + ", GET " + PAGE + ", " + RISK + ", " + MODELS + ", " + HEALTH + ", " + METRICS + ")");
    }
    if (!OPEN_PATHS.contains(path) && !authorized(exchange)) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
      return sendError(exchange, 401, "missing or wrong API key: send the header Authorization: Bearer KEY");
    }
    String method = path.equals(SCORE) ? "POST" : "GET";
    if (!exchange.getRequestMethod().equals(method)) {
      exchange.getResponseHeaders().set("Allow", method);
      return sendError(exchange, 405, path + " takes " + method);
    }
    switch (path) {
      case SCORE:
        return score(exchange);
      case MODELS:
        return send(exchange, 200, "application/json", ResponseBodies.models(models.current(), models.pinned()));
      case HEALTH:
        return send(exchange, 200, "application/json",
            MAPPER.writeValueAsBytes(Map.of("status", "ok", "serving", models.current().choice().toString())));
      case PAGE:
        return send(exchange, 200, "text/html; charset=utf-8", RiskPage.html(models.current().schema(), expectedAuthorization != null));
      case RISK:
        return risk(exchange);
      default:
        return send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.prometheus(models).getBytes(StandardCharsets.UTF_8));
    }
  }

  private boolean authorized(HttpExchange exchange) {
    if (expectedAuthorization == null) {
      return true;
    }
    String given = exchange.getRequestHeaders().getFirst("Authorization");
    return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expectedAuthorization);
  }

  private int score(HttpExchange exchange) throws IOException {
    byte[] body = readBody(exchange);
    if (body == null) {
      exchange.getResponseHeaders().set("Connection", "close");
      return sendError(exchange, 413, "the body is larger than " + settings.maxBodyBytes / (1 << 20) + " MB");
    }
    ServedVersions served = models.current();
    ScoreRequest request;
    try {
      request = ScoreRequest.parse(body, served, settings.maxCustomers, onlineFeatures);
    } catch (ScoreRequest.Refused refused) {
      return sendError(exchange, refused.status, refused.getMessage());
    }
    List<Score> scores = served.score(request.customers);
    metrics.scored(scores.size());
    if (recent != null) {
      recent.add(scores);
    }
    return send(exchange, 200, "application/json", ResponseBodies.scores(scores, served.schema().hasFeatures() ? request.featureSources : null));
  }

  private int risk(HttpExchange exchange) throws IOException {
    byte[] summary;
    try {
      summary = risk.get().json();
    } catch (IllegalStateException e) {
      LOG.warn("the page's scores cannot be read: {}", e.getMessage());
      return sendError(exchange, 503, e.getMessage());
    }
    return send(exchange, 200, "application/json", summary);
  }

  /** The body, or null when it is larger than the limit. */
  private byte[] readBody(HttpExchange exchange) throws IOException {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.trim()) > settings.maxBodyBytes) {
          return null;
        }
      } catch (NumberFormatException e) {
        return null;
      }
    }
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(settings.maxBodyBytes + 1);
      return body.length > settings.maxBodyBytes ? null : body;
    }
  }

  private static int sendError(HttpExchange exchange, int status, String message) throws IOException {
    return send(exchange, status, "application/json", MAPPER.writeValueAsBytes(Map.of("error", message)));
  }

  private static int send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
    return status;
  }
}
