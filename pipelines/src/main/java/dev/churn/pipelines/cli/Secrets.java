package dev.churn.pipelines.cli;

import dev.churn.pipelines.stream.EventHubs;
import dev.churn.pipelines.storage.AzureStorageAuth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of what the command line prints: the values of the variables that hold them, and
 * anything shaped like a key, a SAS signature or a password in a connection string, become {@code ***}.
 */
final class Secrets {
  private static final Pattern KEY_VALUE =
      Pattern.compile("(?i)\\b(AccountKey|SharedAccessKey|SharedAccessSignature|sig|password|pwd)=[^;&\\s\"']+");

  private final List<String> values = new ArrayList<>();

  Secrets(Map<String, String> environment) {
    List<String> variables = new ArrayList<>(AzureStorageAuth.SECRET_VARIABLES);
    variables.add(EventHubs.CONNECTION_STRING_ENV);
    variables.add(JdbcOptions.DEFAULT_PASSWORD_ENV);
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
    return KEY_VALUE.matcher(redacted).replaceAll("$1=***");
  }
}
