package dev.churn.pipelines.sink;

import dev.churn.transforms.InvalidInputException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL of one database family for the score table: its column types and an upsert keyed by
 * {@code (run_id, customer_id)}, so a re-run of the same run id replaces rows instead of adding them.
 */
public enum JdbcDialect {
  H2("org.h2.Driver", "VARCHAR(%d)", "TIMESTAMP WITH TIME ZONE", "DOUBLE PRECISION") {
    @Override
    public String upsert(String table, List<String> columns, List<String> keys) {
      return "MERGE INTO " + table + " (" + String.join(", ", columns) + ") KEY (" + String.join(", ", keys)
          + ") VALUES (" + placeholders(columns) + ")";
    }

    /**
     * An embedded database that stays open while this process runs ({@code DB_CLOSE_DELAY=-1}) and
     * writes commits to disk at once ({@code WRITE_DELAY=0}), unless the URL says otherwise: opened and
     * closed again by every connection of a pipeline's parallel writers, an H2 file lost rows and was
     * once found corrupted, and by default H2 writes a commit up to a second later, so that a killed
     * process loses committed runs.
     */
    @Override
    public String secure(String url) {
      return durable(url.toUpperCase(java.util.Locale.ROOT).contains(";DB_CLOSE_DELAY=") ? url : url + ";DB_CLOSE_DELAY=-1");
    }
  },
  POSTGRESQL("org.postgresql.Driver", "VARCHAR(%d)", "TIMESTAMP WITH TIME ZONE", "DOUBLE PRECISION") {
    @Override
    public String upsert(String table, List<String> columns, List<String> keys) {
      String updates =
          columns.stream()
              .filter(c -> !keys.contains(c))
              .map(c -> c + " = EXCLUDED." + c)
              .collect(Collectors.joining(", "));
      return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES (" + placeholders(columns)
          + ") ON CONFLICT (" + String.join(", ", keys) + ") DO UPDATE SET " + updates;
    }
  },
  SQLSERVER("com.microsoft.sqlserver.jdbc.SQLServerDriver", "NVARCHAR(%d)", "DATETIMEOFFSET", "FLOAT") {
    @Override
    public String upsert(String table, List<String> columns, List<String> keys) {
      // HOLDLOCK makes MERGE safe against concurrent writers of the same key
      String on = keys.stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "));
      String updates =
          columns.stream()
              .filter(c -> !keys.contains(c))
              .map(c -> "t." + c + " = s." + c)
              .collect(Collectors.joining(", "));
      return "MERGE INTO " + table + " WITH (HOLDLOCK) AS t USING (VALUES (" + placeholders(columns) + ")) AS s ("
          + String.join(", ", columns) + ") ON " + on + " WHEN MATCHED THEN UPDATE SET " + updates
          + " WHEN NOT MATCHED THEN INSERT (" + String.join(", ", columns) + ") VALUES ("
          + columns.stream().map(c -> "s." + c).collect(Collectors.joining(", ")) + ");";
    }

    /** Encrypted unless the URL says otherwise ({@code encrypt=false} for a local development server). */
    @Override
    public String secure(String url) {
      return url.toLowerCase(java.util.Locale.ROOT).contains(";encrypt=") ? url : url + ";encrypt=true";
    }
  };

  private final String driverClass;
  private final String textType;
  private final String timestampType;
  private final String doubleType;

  JdbcDialect(String driverClass, String textType, String timestampType, String doubleType) {
    this.driverClass = driverClass;
    this.textType = textType;
    this.timestampType = timestampType;
    this.doubleType = doubleType;
  }

  public abstract String upsert(String table, List<String> columns, List<String> keys);

  /** The URL with the connection security this dialect defaults to. */
  public String secure(String url) {
    return url;
  }

  public String driverClass() {
    return driverClass;
  }

  public String text(int length) {
    return String.format(textType, length);
  }

  public String timestamp() {
    return timestampType;
  }

  public String doublePrecision() {
    return doubleType;
  }

  /** An H2 URL whose commits are written to disk at once ({@code WRITE_DELAY=0}), unless it says otherwise. */
  public static String durable(String h2Url) {
    return h2Url.toUpperCase(java.util.Locale.ROOT).contains(";WRITE_DELAY=") ? h2Url : h2Url + ";WRITE_DELAY=0";
  }

  public static JdbcDialect of(String url) {
    if (url.startsWith("jdbc:h2:")) {
      return H2;
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    if (url.startsWith("jdbc:sqlserver:")) {
      return SQLSERVER;
    }
    throw new InvalidInputException(
        "--jdbc-url " + url.split("[;?]", 2)[0] + ": unsupported database (use jdbc:h2:, jdbc:postgresql: or jdbc:sqlserver:)");
  }

  private static String placeholders(List<String> columns) {
    return columns.stream().map(c -> "?").collect(Collectors.joining(", "));
  }
}
