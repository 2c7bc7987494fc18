package dev.churn.testdata;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Lines made from valid ones by random edits, for tests of parsers that must never throw: pieces
 * inserted (quotes, separators, braces, control characters, odd numbers and dates), characters deleted,
 * the line cut off, thousands of opening braces, a field replaced by an odd value, or random bytes.
 * Seeded by the caller, so a failure repeats.
 */
public final class RandomEdits {
  private RandomEdits() {}

  /** How many edited lines a parser gets in the default suite; {@code -Dchurn.fuzz.tries=N} for more. */
  public static final int DEFAULT_TRIES = 3_000;

  public static int tries() {
    return Integer.getInteger("churn.fuzz.tries", DEFAULT_TRIES);
  }

  private static final String[] PIECES = {
    ",", "\"", "\"\"", "'", "\\", "{", "}", "[", "]", ":", " ", "\t", "\r", "\n", "\u0000", "\uFEFF", "\uFFFD", "é", "𝔘",
    "NaN", "-NaN", "Infinity", "-Infinity", "1e309", "-1e309", "4.9e-325", "0x1F", "1_000", "1,5", "--1", "+", "-", ".", "e",
    "99999999999999999999999999999999999999", "9223372036854775808", "-0", "null", "true", "{\"a\":", "{\"data\":[1,{\"temp\":2}]}",
    "2020-07-13T00:00:00Z", "2020-13-45T99:99:99Z", "1594600000", "-1594600000", "Yes", "No", "Month-to-month",
  };

  /** One of the valid lines, edited. */
  public static String of(List<String> valid, Random random) {
    String line = valid.get(random.nextInt(valid.size()));
    if (random.nextInt(20) == 0) {
      byte[] bytes = new byte[random.nextInt(200)];
      random.nextBytes(bytes);
      return new String(bytes, random.nextBoolean() ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }
    StringBuilder text = new StringBuilder(line);
    for (int e = random.nextInt(4); e >= 0; e--) {
      int at = text.length() == 0 ? 0 : random.nextInt(text.length() + 1);
      switch (random.nextInt(5)) {
        case 0:
          text.insert(at, PIECES[random.nextInt(PIECES.length)]);
          break;
        case 1:
          text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(8)));
          break;
        case 2:
          text.setLength(at);
          break;
        case 3:
          text.insert(at, "{".repeat(random.nextInt(3000)));
          break;
        default:
          // replace the field around the position by an odd value
          int start = Math.max(0, text.lastIndexOf(",", at - 1) + 1);
          int end = text.indexOf(",", at);
          text.replace(start, end < 0 ? text.length() : end, PIECES[random.nextInt(PIECES.length)]);
      }
    }
    return text.toString();
  }
}
