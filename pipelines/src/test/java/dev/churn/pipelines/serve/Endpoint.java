package dev.churn.pipelines.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** A client of the endpoint for tests: requests built from CSV customers, answers as status and JSON. */
final class Endpoint {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final URI address;
  private final String authorization;

  Endpoint(URI address, String apiKey) {
    this.address = address;
    this.authorization = apiKey == null ? null : "Bearer " + apiKey;
  }

  /** An answer: its status and its body, as text and (when it is JSON) parsed. */
  static final class Answer {
    final int status;
    final String body;

    Answer(int status, String body) {
      this.status = status;
      this.body = body;
    }

    JsonNode json() {
      try {
        return MAPPER.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }

    String error() {
      return json().get("error").asText();
    }
  }

  /** {@code {"customers": [...]}} with one object per CSV line (under {@code header}), every value a string. */
  static String customersJson(String header, List<String> lines) {
    return ScoreRequest.fromCsv(header, lines);
  }

  Answer post(String path, String body) {
    return send(HttpRequest.newBuilder(address.resolve(path)).POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json"));
  }

  Answer get(String path) {
    return send(HttpRequest.newBuilder(address.resolve(path)).GET());
  }

  private Answer send(HttpRequest.Builder request) {
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
