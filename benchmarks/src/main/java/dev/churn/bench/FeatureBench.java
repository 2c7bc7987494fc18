package dev.churn.bench;

import dev.churn.pipelines.input.CustomerInput;
import dev.churn.pipelines.input.FeatureInputs;
import dev.churn.pipelines.jobs.Execution;
import dev.churn.transforms.customers.CustomerRecords;
import dev.churn.transforms.customers.WriteDeadLetters;
import dev.churn.transforms.io.CsvLine;
import dev.churn.transforms.io.LocalFolders;
import dev.churn.transforms.schema.DatasetSchema;
import dev.churn.transforms.schema.DatasetSchemaFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The feature stage: telemetry messages parsed, attached to their customers through the device registry,
 * deduplicated and aggregated over the feature windows per customer, written as one CSV line per
 * customer. Measured on the runner of {@code options} against {@link FeatureBaseline} on the same files,
 * whose lines must be exactly the pipeline's.
 */
public final class FeatureBench {
  /** The baseline runs this often and its fastest run counts: its first run is still compiling. */
  static final int BASELINE_RUNS = 3;

  private FeatureBench() {}

  public static Measurement run(GeneratedData data, PipelineOptions options, String runner, String note, Path output) {
    FeatureInputs inputs = FeatureInputs.check(data.telemetry(), data.devices(), null, GeneratedData.CUTOFF);
    DatasetSchema generated = DatasetSchemaFile.load(data.schema());
    DatasetSchema schema = generated.withFeatures(inputs.specFor(generated));
    CustomerInput input = CustomerInput.check(data.customers(), schema, false).withEvents(inputs);
    List<String> columns = new ArrayList<>();
    schema.features.columns().forEach(c -> columns.add(c.name));
    LocalFolders.delete(output);

    Pipeline pipeline = Pipeline.create(options);
    CustomerRecords records = input.readWithFeatures(pipeline);
    records
        .customers()
        .apply("ToCsv", MapElements.into(TypeDescriptors.strings()).via((Row row) -> line(row, columns)))
        .apply("WriteFeatures", TextIO.write().to(output.resolve("features").toString()).withSuffix(".csv"));
    records.deadLetters().apply("WriteDeadLetters", WriteDeadLetters.to(output.resolve("dead-letters").toString()));
    Measurement.resetPeakHeap();
    long start = System.nanoTime();
    Execution.runToEnd(pipeline, "feature pipeline over " + data.readings + " telemetry messages");
    double seconds = (System.nanoTime() - start) / 1e9;
    long peakHeapMib = Measurement.peakHeapMib();

    Set<String> expected = null;
    double baselineSeconds = Double.MAX_VALUE;
    for (int run = 0; run < BASELINE_RUNS; run++) {
      start = System.nanoTime();
      expected = FeatureBaseline.compute(data, schema, inputs.cutoff());
      baselineSeconds = Math.min(baselineSeconds, (System.nanoTime() - start) / 1e9);
    }
    requireEqual(expected, readLines(output, "features-"), runner);
    return new Measurement("features", runner, data.readings, seconds, baselineSeconds, peakHeapMib, note);
  }

  /** A customer's id and feature values, comma-separated; an empty field where a value does not exist. */
  static String line(String id, Double[] values) {
    List<Object> fields = new ArrayList<>();
    fields.add(id);
    fields.addAll(Arrays.asList(values));
    return CsvLine.join(fields);
  }

  private static String line(Row row, List<String> columns) {
    Double[] values = new Double[columns.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = row.getDouble(columns.get(i));
    }
    return line(row.getString(DatasetSchema.ID_FIELD), values);
  }

  static void requireEqual(Set<String> expected, Set<String> actual, String runner) {
    if (!expected.equals(actual)) {
      Set<String> missing = new TreeSet<>(expected);
      missing.removeAll(actual);
      Set<String> extra = new TreeSet<>(actual);
      extra.removeAll(expected);
      throw new IllegalStateException(
          "the feature pipeline on " + runner + " and the baseline disagree: " + missing.size() + " baseline lines missing (first: "
              + missing.stream().findFirst().orElse("none") + "), " + extra.size() + " lines not in the baseline (first: "
              + extra.stream().findFirst().orElse("none") + ")");
    }
  }

  private static Set<String> readLines(Path folder, String prefix) {
    Set<String> lines = new TreeSet<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : (Iterable<Path>) files.filter(f -> f.getFileName().toString().startsWith(prefix))::iterator) {
        lines.addAll(Files.readAllLines(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }
}
