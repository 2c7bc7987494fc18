package dev.churn.transforms.monitor;

import dev.churn.transforms.schema.DatasetSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.transforms.ApproximateQuantiles;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.CombineWithContext.CombineFnWithContext;
import org.apache.beam.sdk.transforms.CombineWithContext.Context;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;

/**
 * Counts customers (rows of {@link DatasetSchema#featureRowSchema()}) into a {@link FeatureProfile},
 * with combiners that merge across workers. {@link #fit} first finds each numeric input's
 * {@value #BINS}-quantiles in the same data (training); {@link #against} counts into the bins of a
 * profile computed before (monitoring). No rows give no profile.
 */
public final class ProfileFeatures extends PTransform<PCollection<Row>, PCollection<FeatureProfile>> {
  /** Bins per numeric input: 5 % of the training data each (fewer where values repeat). */
  public static final int BINS = 20;

  private final List<String> numericInputs;
  private final List<String> categoricalInputs;
  private final FeatureProfile reference;

  private ProfileFeatures(List<String> numericInputs, List<String> categoricalInputs, FeatureProfile reference) {
    this.numericInputs = numericInputs;
    this.categoricalInputs = categoricalInputs;
    this.reference = reference;
  }

  /** Profiles every numeric and categorical input of the schema, with bins fitted on the same rows. */
  public static ProfileFeatures fit(DatasetSchema schema) {
    List<String> numeric = new ArrayList<>();
    schema.numericInputs().forEach(c -> numeric.add(c.name));
    List<String> categorical = new ArrayList<>();
    schema.categorical.forEach(c -> categorical.add(c.name));
    return new ProfileFeatures(numeric, categorical, null);
  }

  /** Profiles the inputs of {@code reference} in its bins. */
  public static ProfileFeatures against(FeatureProfile reference) {
    return new ProfileFeatures(
        new ArrayList<>(reference.numeric.keySet()), new ArrayList<>(reference.categorical.keySet()), reference);
  }

  @Override
  public PCollection<FeatureProfile> expand(PCollection<Row> rows) {
    Coder<FeatureProfile> coder = SerializableCoder.of(FeatureProfile.class);
    PCollection<FeatureProfile> bins;
    if (reference != null) {
      bins = rows.getPipeline().apply("ReferenceBins", Create.of(reference.emptyCopy()).withCoder(coder));
    } else {
      bins =
          rows.apply("NumericValues", ParDo.of(new NumericValuesFn(numericInputs)))
              .setCoder(KvCoder.of(StringUtf8Coder.of(), DoubleCoder.of()))
              .apply("Quantiles", ApproximateQuantiles.perKey(BINS + 1))
              .apply("Bins", Combine.globally(new BinsFn(numericInputs, categoricalInputs)))
              .setCoder(coder);
    }
    PCollectionView<FeatureProfile> binsView = bins.apply("BinsView", View.asSingleton());
    return rows.apply("CountIntoBins", Combine.globally(new CountFn(binsView)).withoutDefaults().withSideInputs(binsView))
        .setCoder(coder);
  }

  /** Each present numeric value, keyed by its input. */
  static final class NumericValuesFn extends DoFn<Row, KV<String, Double>> {
    private final List<String> inputs;

    NumericValuesFn(List<String> inputs) {
      this.inputs = inputs;
    }

    @ProcessElement
    public void process(@Element Row row, OutputReceiver<KV<String, Double>> out) {
      for (String input : inputs) {
        Double value = row.getDouble(input);
        if (value != null && !value.isNaN()) {
          out.output(KV.of(input, value));
        }
      }
    }
  }

  /** Empty bins from each numeric input's quantiles; an input without values gets a single bin. */
  static final class BinsFn extends Combine.CombineFn<KV<String, List<Double>>, TreeMap<String, List<Double>>, FeatureProfile> {
    private final List<String> numericInputs;
    private final List<String> categoricalInputs;

    BinsFn(List<String> numericInputs, List<String> categoricalInputs) {
      this.numericInputs = numericInputs;
      this.categoricalInputs = categoricalInputs;
    }

    @Override
    public TreeMap<String, List<Double>> createAccumulator() {
      return new TreeMap<>();
    }

    @Override
    public TreeMap<String, List<Double>> addInput(TreeMap<String, List<Double>> quantiles, KV<String, List<Double>> input) {
      quantiles.put(input.getKey(), new ArrayList<>(input.getValue()));
      return quantiles;
    }

    @Override
    public TreeMap<String, List<Double>> mergeAccumulators(Iterable<TreeMap<String, List<Double>>> parts) {
      TreeMap<String, List<Double>> merged = new TreeMap<>();
      parts.forEach(merged::putAll);
      return merged;
    }

    @Override
    public FeatureProfile extractOutput(TreeMap<String, List<Double>> quantiles) {
      FeatureProfile profile = new FeatureProfile();
      for (String input : numericInputs) {
        profile.numeric.put(input, Histogram.fromQuantiles(quantiles.getOrDefault(input, List.of())));
      }
      categoricalInputs.forEach(input -> profile.categorical.put(input, new TreeMap<>()));
      return profile;
    }

    @Override
    public Coder<TreeMap<String, List<Double>>> getAccumulatorCoder(
        CoderRegistry registry, Coder<KV<String, List<Double>>> inputCoder) {
      @SuppressWarnings({"unchecked", "rawtypes"})
      Coder<TreeMap<String, List<Double>>> coder = (Coder) SerializableCoder.of(TreeMap.class);
      return coder;
    }
  }

  /** Counts rows into the bins of the side input. */
  static final class CountFn extends CombineFnWithContext<Row, FeatureProfile, FeatureProfile> {
    private final PCollectionView<FeatureProfile> bins;

    CountFn(PCollectionView<FeatureProfile> bins) {
      this.bins = bins;
    }

    @Override
    public FeatureProfile createAccumulator(Context context) {
      return context.sideInput(bins).emptyCopy();
    }

    @Override
    public FeatureProfile addInput(FeatureProfile profile, Row row, Context context) {
      profile.rows++;
      profile.numeric.forEach((input, histogram) -> histogram.add(row.getDouble(input)));
      for (Map.Entry<String, Map<String, Long>> entry : profile.categorical.entrySet()) {
        String value = row.getString(entry.getKey());
        entry.getValue().merge(value == null ? FeatureProfile.MISSING : value, 1L, Long::sum);
      }
      return profile;
    }

    @Override
    public FeatureProfile mergeAccumulators(Iterable<FeatureProfile> profiles, Context context) {
      FeatureProfile merged = null;
      for (FeatureProfile profile : profiles) {
        if (merged == null) {
          merged = profile;
        } else {
          merged.merge(profile);
        }
      }
      return merged == null ? createAccumulator(context) : merged;
    }

    @Override
    public FeatureProfile extractOutput(FeatureProfile profile, Context context) {
      return profile;
    }

    @Override
    public Coder<FeatureProfile> getAccumulatorCoder(CoderRegistry registry, Coder<Row> inputCoder) {
      return SerializableCoder.of(FeatureProfile.class);
    }
  }
}
