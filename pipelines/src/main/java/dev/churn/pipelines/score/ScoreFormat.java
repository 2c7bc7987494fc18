package dev.churn.pipelines.score;

import dev.churn.pipelines.rows.ScoreRows;
import dev.churn.transforms.InvalidInputException;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.beam.sdk.extensions.avro.schemas.utils.AvroUtils;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.beam.sdk.transforms.Contextful;
import org.apache.beam.sdk.values.Row;

/**
 * The file format of score files. CSV: a header and one line per score ({@link ScoreRows#toCsv}).
 * Parquet: the same columns typed ({@code scored_at} a timestamp in milliseconds, {@code churn_probability}
 * a double, the reasons nullable strings), Snappy-compressed, for lake query engines.
 */
public enum ScoreFormat {
  CSV,
  PARQUET;

  /** The score columns as an Avro schema, which Parquet files carry. */
  public static final Schema PARQUET_SCHEMA = AvroUtils.toAvroSchema(ScoreRows.SCHEMA, "ScoreRow", "dev.churn.scores");

  /** The format a user names: {@code csv} or {@code parquet}, in any case. */
  public static ScoreFormat named(String name) {
    for (ScoreFormat format : values()) {
      if (format.name().equalsIgnoreCase(name)) {
        return format;
      }
    }
    throw new InvalidInputException("--format " + name + ": expected csv or parquet");
  }

  /** The format of files named {@code pattern}. */
  public static ScoreFormat of(String pattern) {
    return pattern.endsWith(PARQUET.suffix()) ? PARQUET : CSV;
  }

  /** {@code .csv} or {@code .parquet}. */
  public String suffix() {
    return "." + name().toLowerCase(Locale.ROOT);
  }

  /** Writes score rows into files of this format. */
  <K> FileIO.Write<K, Row> via(FileIO.Write<K, Row> write) {
    return this == CSV
        ? write.via(Contextful.fn(ScoreRows::toCsv), TextIO.sink().withHeader(ScoreRows.csvHeader()))
        : write.via(Contextful.fn(AvroUtils.getRowToGenericRecordFunction(PARQUET_SCHEMA)), ParquetIO.sink(PARQUET_SCHEMA));
  }
}
