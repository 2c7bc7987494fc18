package dev.churn.transforms.prepare;

import dev.churn.transforms.schema.DatasetSchema;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Fits the {@link Preprocessing} on training rows in one pass that merges across workers. Sums are kept
 * exactly (as decimals), so the fitted values do not depend on how a runner splits or orders the work.
 */
public final class FitPreprocessing extends PTransform<PCollection<Row>, PCollection<Preprocessing>> {
  private final DatasetSchema schema;

  private FitPreprocessing(DatasetSchema schema) {
    this.schema = schema;
  }

  public static FitPreprocessing of(DatasetSchema schema) {
    return new FitPreprocessing(schema);
  }

  @Override
  public PCollection<Preprocessing> expand(PCollection<Row> rows) {
    return rows.apply("FitStatistics", Combine.globally(new FitFn(schema)))
        .setCoder(SerializableCoder.of(Preprocessing.class));
  }

  /** Running statistics of the training rows. */
  static final class Stats implements Serializable {
    private static final long serialVersionUID = 1L;
    long rows;
    final Map<String, long[]> numericCounts = new TreeMap<>(); // present, missing
    final Map<String, BigDecimal[]> numericSums = new TreeMap<>(); // sum, sum of squares, same of log(1 + x)
    final Map<String, Map<String, Long>> categoryCounts = new TreeMap<>();
    final Map<String, Long> categoryMissing = new TreeMap<>();

    // Beam compares accumulators by equals to detect mutation
    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Stats)) {
        return false;
      }
      Stats other = (Stats) o;
      return rows == other.rows
          && numericCounts.keySet().equals(other.numericCounts.keySet())
          && numericCounts.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), other.numericCounts.get(e.getKey())))
          && numericSums.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), other.numericSums.get(e.getKey())))
          && categoryCounts.equals(other.categoryCounts)
          && categoryMissing.equals(other.categoryMissing);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(rows);
    }
  }

  static final class FitFn extends Combine.CombineFn<Row, Stats, Preprocessing> {
    private final DatasetSchema schema;
    private final List<DatasetSchema.NumericColumn> numericInputs;

    FitFn(DatasetSchema schema) {
      this.schema = schema;
      this.numericInputs = schema.numericInputs();
    }

    @Override
    public Stats createAccumulator() {
      Stats stats = new Stats();
      for (DatasetSchema.NumericColumn c : numericInputs) {
        stats.numericCounts.put(c.name, new long[2]);
        stats.numericSums.put(c.name, new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
      }
      for (DatasetSchema.CategoricalColumn c : schema.categoricalInputs()) {
        stats.categoryCounts.put(c.name, new TreeMap<>());
        stats.categoryMissing.put(c.name, 0L);
      }
      return stats;
    }

    @Override
    public Stats addInput(Stats stats, Row row) {
      stats.rows++;
      for (DatasetSchema.NumericColumn c : numericInputs) {
        Double value = row.getDouble(c.name);
        long[] counts = stats.numericCounts.get(c.name);
        if (value == null) {
          counts[1]++;
        } else {
          counts[0]++;
          BigDecimal x = new BigDecimal(value);
          BigDecimal[] sums = stats.numericSums.get(c.name);
          sums[0] = sums[0].add(x);
          sums[1] = sums[1].add(x.multiply(x));
          if (c.log) {
            BigDecimal l = new BigDecimal(Math.log1p(value));
            sums[2] = sums[2].add(l);
            sums[3] = sums[3].add(l.multiply(l));
          }
        }
      }
      for (DatasetSchema.CategoricalColumn c : schema.categoricalInputs()) {
        String value = row.getString(c.name);
        if (value == null) {
          stats.categoryMissing.merge(c.name, 1L, Long::sum);
        } else {
          stats.categoryCounts.get(c.name).merge(value, 1L, Long::sum);
        }
      }
      return stats;
    }

    @Override
    public Stats mergeAccumulators(Iterable<Stats> accumulators) {
      Stats merged = createAccumulator();
      for (Stats s : accumulators) {
        merged.rows += s.rows;
        s.numericCounts.forEach(
            (name, counts) -> {
              long[] m = merged.numericCounts.get(name);
              m[0] += counts[0];
              m[1] += counts[1];
            });
        s.numericSums.forEach(
            (name, sums) -> {
              BigDecimal[] m = merged.numericSums.get(name);
              for (int i = 0; i < m.length; i++) {
                m[i] = m[i].add(sums[i]);
              }
            });
        s.categoryCounts.forEach(
            (name, counts) -> counts.forEach((v, n) -> merged.categoryCounts.get(name).merge(v, n, Long::sum)));
        s.categoryMissing.forEach((name, n) -> merged.categoryMissing.merge(name, n, Long::sum));
      }
      return merged;
    }

    @Override
    public Preprocessing extractOutput(Stats stats) {
      Preprocessing p = new Preprocessing();
      p.rows = stats.rows;
      for (DatasetSchema.NumericColumn c : numericInputs) {
        long[] counts = stats.numericCounts.get(c.name);
        BigDecimal[] sums = stats.numericSums.get(c.name);
        Preprocessing.Numeric n = new Preprocessing.Numeric();
        n.name = c.name;
        n.unit = c.unit;
        n.missing = counts[1];
        if (counts[0] > 0) {
          n.mean = mean(sums[0], counts[0]);
          n.std = std(sums[0], sums[1], counts[0]);
          if (c.log) {
            n.log = new Preprocessing.LogInput();
            n.log.mean = mean(sums[2], counts[0]);
            n.log.std = std(sums[2], sums[3], counts[0]);
          }
        }
        p.numeric.add(n);
      }
      for (DatasetSchema.CategoricalColumn c : schema.categoricalInputs()) {
        Preprocessing.Categorical cat = new Preprocessing.Categorical();
        cat.name = c.name;
        cat.missing = stats.categoryMissing.get(c.name);
        List<Map.Entry<String, Long>> counts = new ArrayList<>(stats.categoryCounts.get(c.name).entrySet());
        counts.sort(
            Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        long present = counts.stream().mapToLong(Map.Entry::getValue).sum();
        cat.frequencies = new ArrayList<>();
        for (Map.Entry<String, Long> e : counts) {
          cat.values.add(e.getKey());
          cat.frequencies.add((double) e.getValue() / present);
        }
        p.categorical.add(cat);
      }
      return p;
    }

    private static double mean(BigDecimal sum, long count) {
      return sum.divide(BigDecimal.valueOf(count), MathContext.DECIMAL128).doubleValue();
    }

    private static double std(BigDecimal sum, BigDecimal sumOfSquares, long count) {
      BigDecimal n = BigDecimal.valueOf(count);
      BigDecimal mean = sum.divide(n, MathContext.DECIMAL128);
      BigDecimal variance =
          sumOfSquares.divide(n, MathContext.DECIMAL128).subtract(mean.multiply(mean)).max(BigDecimal.ZERO);
      return Math.sqrt(variance.doubleValue());
    }

    @Override
    public Coder<Stats> getAccumulatorCoder(CoderRegistry registry, Coder<Row> inputCoder) {
      return SerializableCoder.of(Stats.class);
    }
  }
}
