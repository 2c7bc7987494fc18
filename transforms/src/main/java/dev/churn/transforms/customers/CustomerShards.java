package dev.churn.transforms.customers;

import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.join.RawUnionValue;
import org.apache.beam.sdk.transforms.join.UnionCoder;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Joins several inputs keyed by customer id: each element is tagged with its input's position and
 * keyed by the shard of its customer ({@link KeepFirstPerCustomerFn#shardOf}), and one GroupByKey puts
 * everything of a shard's customers in one group, to be read in a single pass. A few dozen groups
 * suit the DirectRunner far better than one per customer, and a single pass is what Flink's batch
 * GroupByKey allows (a CoGroupByKey result of more than 10,000 elements is iterated once per input,
 * which fails there).
 */
public final class CustomerShards {
  private final UnionCoder union;

  /** @param coders the coder of each input's {@code KV<String, V>} elements, in tag order */
  public CustomerShards(List<Coder<?>> coders) {
    this.union = UnionCoder.of(coders);
  }

  /** The elements of one input, tagged with its position and keyed by their customer's shard. */
  public <V> PCollection<KV<Integer, RawUnionValue>> tagged(String name, PCollection<KV<String, V>> input, int tag) {
    return input
        .apply(
            "Tag" + name,
            MapElements.into(TypeDescriptors.kvs(TypeDescriptors.integers(), TypeDescriptor.of(RawUnionValue.class)))
                .via(kv -> KV.of(KeepFirstPerCustomerFn.shardOf(kv.getKey()), new RawUnionValue(tag, kv))))
        .setCoder(KvCoder.of(VarIntCoder.of(), union));
  }

  /** All the tagged inputs grouped by shard; each value's {@code getValue()} is the input's {@code KV<String, V>}. */
  public static PCollection<KV<Integer, Iterable<RawUnionValue>>> group(String name, PCollectionList<KV<Integer, RawUnionValue>> tagged) {
    return tagged.apply("All" + name, Flatten.pCollections()).apply("Group" + name, GroupByKey.create());
  }
}
