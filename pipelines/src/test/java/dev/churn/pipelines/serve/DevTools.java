package dev.churn.pipelines.serve;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Headless Chromium driven through its DevTools protocol (a WebSocket the browser opens on loopback):
 * open a page, run script in it, wait for what the page shows. Enough to use a page as a person
 * would, without a WebDriver.
 */
final class DevTools implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Process browser;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

  private DevTools(Process browser, WebSocket socket) {
    this.browser = browser;
    this.socket = socket;
  }

  /** Starts {@code chromium} headless with a fresh profile in {@code folder} and connects to its first tab. */
  static DevTools launch(Path chromium, Path folder) throws Exception {
    Path profile = Files.createTempDirectory(folder, "chromium-profile-");
    Process browser =
        new ProcessBuilder(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "about:blank"))
            .redirectErrorStream(true)
            .redirectOutput(folder.resolve("chromium.log").toFile())
            .start();
    // the port Chromium chose, in the first line of this file once it listens
    Path activePort = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!Files.exists(activePort) || Files.readAllLines(activePort).isEmpty()) {
      if (!browser.isAlive() || System.nanoTime() > deadline) {
        browser.destroyForcibly();
        throw new AssertionError("Chromium did not open its DevTools port; see " + folder.resolve("chromium.log"));
      }
      Thread.sleep(100);
    }
    int port = Integer.parseInt(Files.readAllLines(activePort).get(0).trim());
    HttpClient client = HttpClient.newHttpClient();
    JsonNode targets =
        MAPPER.readTree(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body());
    String page = null;
    for (JsonNode target : targets) {
      if (target.get("type").asText().equals("page")) {
        page = target.get("webSocketDebuggerUrl").asText();
      }
    }
    assertThat("a tab to drive", page != null, equalTo(true));
    DevTools[] tools = new DevTools[1];
    WebSocket socket = client.newWebSocketBuilder().buildAsync(URI.create(page), new Listener(tools)).get(30, TimeUnit.SECONDS);
    tools[0] = new DevTools(browser, socket);
    return tools[0];
  }

  /** Receives the browser's answers, whole messages in as many frames as it sends. */
  private static final class Listener implements WebSocket.Listener {
    private final DevTools[] tools;
    private final StringBuilder message = new StringBuilder();

    Listener(DevTools[] tools) {
      this.tools = tools;
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      message.append(data);
      if (last) {
        try {
          JsonNode answer = MAPPER.readTree(message.toString());
          if (answer.has("id")) {
            CompletableFuture<JsonNode> waiting = tools[0].pending.remove(answer.get("id").asInt());
            if (waiting != null) {
              waiting.complete(answer);
            }
          }
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
        message.setLength(0);
      }
      socket.request(1);
      return null;
    }
  }

  /** Sends one DevTools command and returns its result. */
  JsonNode call(String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    ObjectNode command = MAPPER.createObjectNode().put("id", id).put("method", method);
    command.set("params", params);
    socket.sendText(command.toString(), true).get(30, TimeUnit.SECONDS);
    JsonNode reply = answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (reply.has("error")) {
      throw new AssertionError(method + " failed: " + reply.get("error"));
    }
    return reply.get("result");
  }

  void open(URI address) throws Exception {
    call("Page.navigate", MAPPER.createObjectNode().put("url", address.toString()));
  }

  /** The value of a script expression run in the page (a promise is awaited), as JSON. */
  JsonNode evaluate(String expression) throws Exception {
    JsonNode result = call("Runtime.evaluate", MAPPER.createObjectNode().put("expression", expression).put("awaitPromise", true).put("returnByValue", true));
    if (result.has("exceptionDetails")) {
      throw new AssertionError("the page's script failed: " + result.get("exceptionDetails") + "\nscript: " + expression);
    }
    return result.get("result").get("value");
  }

  /** Waits until {@code expression} is true in the page (an expression that throws, as before the page has loaded, is false). */
  void waitFor(String expression) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      JsonNode value = evaluate("(() => { try { return Boolean(" + expression + "); } catch (e) { return false; } })()");
      if (value != null && value.asBoolean()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the page never showed " + expression + "; it holds: " + evaluate("document.body ? document.body.innerText : ''"));
      }
      Thread.sleep(100);
    }
  }

  @Override
  public void close() {
    socket.abort();
    browser.destroy();
    try {
      if (!browser.waitFor(10, TimeUnit.SECONDS)) {
        browser.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      browser.destroyForcibly();
    }
  }
}
