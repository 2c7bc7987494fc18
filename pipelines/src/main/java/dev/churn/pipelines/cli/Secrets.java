package dev.churn.pipelines.cli;

import dev.churn.pipelines.sink.JdbcUrls;
import dev.churn.pipelines.storage.AzureStorageAuth;
import dev.churn.pipelines.stream.EventHubs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps secrets out of what the command line prints: the values of the variables that hold them, and
 * anything shaped like a key, a SAS signature or a password in a connection string or a JDBC URL
 * ({@link JdbcUrls}), become {@code ***}.
 */
final class Secrets {
  /** Secrets this process read from variables named on its command line ({@code --jdbc-password-env}). */
  private static final Set<String> HIDDEN = ConcurrentHashMap.newKeySet();

  private final List<String> values = new ArrayList<>();

  /** Also keeps {@code secret} out of what is printed (null or short values are ignored). */
  static void hide(String secret) {
    if (secret != null && secret.strip().length() >= 4) {
      HIDDEN.add(secret.strip());
    }
  }

  Secrets(Map<String, String> environment) {
    List<String> variables = new ArrayList<>(AzureStorageAuth.SECRET_VARIABLES);
    variables.add(EventHubs.CONNECTION_STRING_ENV);
    variables.add(JdbcOptions.DEFAULT_PASSWORD_ENV);
    values.addAll(HIDDEN);
    for (String variable : variables) {
      String value = environment.get(variable);
      if (value != null && value.strip().length() >= 4) {
        values.add(value.strip());
      }
    }
  }

  static Secrets fromEnvironment() {
    return new Secrets(System.getenv());
  }

  String redact(String text) {
    if (text == null) {
      return null;
    }
    String redacted = text;
    for (String value : values) {
      redacted = redacted.replace(value, "***");
    }
    return JdbcUrls.redact(redacted);
  }
}
