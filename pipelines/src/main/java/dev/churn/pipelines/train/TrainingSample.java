package dev.churn.pipelines.train;

import dev.churn.models.train.TrainingData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Top;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The training rows of each segment (a key): all of them up to {@code maxRows}, else the
 * {@code maxRows} customers with the smallest seeded hash of their id. A combiner finds each key's
 * largest kept hash from the hashes alone, then the examples at or below it are grouped: a combiner over
 * whole examples would pass accumulators of up to {@code maxRows} rows between workers, and Flink's
 * batch sort refuses a record larger than its sort buffer (a few MB on a local cluster). The sample
 * depends only on the ids and the seed, not on the runner or the order of the input.
 */
final class TrainingSample
    extends PTransform<PCollection<KV<String, LabelledExample>>, PCollection<KV<String, List<LabelledExample>>>> {
  private final int maxRows;
  /** Seed of the id hash: the training seed inverted, so the sample does not follow the fold split. */
  private final long hashSeed;

  TrainingSample(int maxRows, long seed) {
    this.maxRows = maxRows;
    this.hashSeed = ~seed;
  }

  @Override
  public PCollection<KV<String, List<LabelledExample>>> expand(PCollection<KV<String, LabelledExample>> examples) {
    long seed = hashSeed; // locals, so that the lambdas do not capture the transform
    int limit = maxRows;
    PCollectionView<Map<String, Double>> largestKept =
        examples
            .apply(
                "Hashes",
                MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.doubles()))
                    .via(e -> KV.of(e.getKey(), TrainingData.unitHash(e.getValue().customerId, seed))))
            .apply("SmallestHashes", Top.smallestPerKey(maxRows))
            .apply(
                "LargestKeptHash",
                MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.doubles()))
                    .via(
                        kept ->
                            KV.of(
                                kept.getKey(),
                                kept.getValue().size() < limit
                                    ? Double.POSITIVE_INFINITY
                                    : kept.getValue().get(kept.getValue().size() - 1))))
            .apply("LargestKeptHashView", View.asMap());
    return examples
        .apply("KeepSmallestHashes", ParDo.of(new KeepFn(largestKept, seed)).withSideInputs(largestKept))
        .apply("GroupSample", GroupByKey.create())
        .apply(
            "AsList",
            MapElements.into(
                    TypeDescriptors.kvs(
                        TypeDescriptors.strings(), TypeDescriptors.lists(TypeDescriptor.of(LabelledExample.class))))
                .via(group -> KV.of(group.getKey(), copy(group.getValue()))))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), ListCoder.of(LabelledExampleCoder.of())));
  }

  private static List<LabelledExample> copy(Iterable<LabelledExample> examples) {
    List<LabelledExample> list = new ArrayList<>();
    examples.forEach(list::add);
    return list;
  }

  /** Passes the examples whose hash is at or below their key's largest kept hash. */
  private static final class KeepFn extends DoFn<KV<String, LabelledExample>, KV<String, LabelledExample>> {
    private final PCollectionView<Map<String, Double>> largestKept;
    private final long seed;

    KeepFn(PCollectionView<Map<String, Double>> largestKept, long seed) {
      this.largestKept = largestKept;
      this.seed = seed;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      KV<String, LabelledExample> example = c.element();
      Double largest = c.sideInput(largestKept).get(example.getKey());
      if (TrainingData.unitHash(example.getValue().customerId, seed) <= largest) {
        c.output(example);
      }
    }
  }
}
