package dev.churn.pipelines.sink;

import java.util.regex.Pattern;

/**
 * JDBC URLs without their secrets: a password can sit in the user information
 * ({@code jdbc:postgresql://user:secret@host/db}), in the query ({@code ?password=secret}) or in the
 * properties ({@code ;password=secret}, {@code ;password={se;cret}}).
 */
public final class JdbcUrls {
  private static final Pattern USER_INFO = Pattern.compile("(//[^/:@\\s;?]*):[^@/\\s]*@");
  private static final Pattern PASSWORD =
      Pattern.compile("(?i)\\b(password|pwd|passwd|sslpassword|AccountKey|SharedAccessKey|SharedAccessSignature|sig)=(\\{[^}]*\\}|[^;&\\s\"']*)");

  private JdbcUrls() {}

  /** The URL to print: no properties, no query, no password in the user information. */
  public static String display(String url) {
    return redact(url.split("[;?]", 2)[0]);
  }

  /** Any text with the passwords of URLs (and key=value secrets) in it replaced by {@code ***}. */
  public static String redact(String text) {
    if (text == null) {
      return null;
    }
    String redacted = USER_INFO.matcher(text).replaceAll("$1:***@");
    return PASSWORD.matcher(redacted).replaceAll("$1=***");
  }

  /** Whether the URL itself holds a password (which then shows in process lists). */
  public static boolean holdsPassword(String url) {
    return !redact(url).equals(url);
  }
}
