package dev.churn.pipelines.train;

import dev.churn.models.train.TrainingData;
import java.io.Serializable;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Top;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * The training rows of each segment (a key): all of them up to {@code maxRows}, else the
 * {@code maxRows} customers with the smallest seeded hash of their id. It is a combiner, so a worker
 * holds at most {@code maxRows} examples of a key however large the segment, and the sample depends
 * only on the ids and the seed, not on the runner or the order of the input.
 */
final class TrainingSample
    extends PTransform<PCollection<KV<String, LabelledExample>>, PCollection<KV<String, List<LabelledExample>>>> {
  private final int maxRows;
  private final long seed;

  TrainingSample(int maxRows, long seed) {
    this.maxRows = maxRows;
    this.seed = seed;
  }

  @Override
  public PCollection<KV<String, List<LabelledExample>>> expand(PCollection<KV<String, LabelledExample>> examples) {
    return examples.apply("SmallestHashes", Top.perKey(maxRows, new SmallerHashFirst(~seed)));
  }

  /** Orders examples so that the smaller hash of the id is the greater: {@link Top} keeps the greatest. */
  static final class SmallerHashFirst implements Comparator<LabelledExample>, Serializable {
    private static final long serialVersionUID = 1L;
    private final long seed;

    SmallerHashFirst(long seed) {
      this.seed = seed;
    }

    @Override
    public int compare(LabelledExample a, LabelledExample b) {
      int byHash = Double.compare(TrainingData.unitHash(b.customerId, seed), TrainingData.unitHash(a.customerId, seed));
      return byHash != 0 ? byHash : b.customerId.compareTo(a.customerId);
    }
  }
}
