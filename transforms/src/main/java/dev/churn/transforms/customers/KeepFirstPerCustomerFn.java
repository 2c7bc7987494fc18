package dev.churn.transforms.customers;

import dev.churn.transforms.io.SourceLine;
import dev.churn.transforms.schema.DatasetSchema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Keeps the first record (by file, then line) of each customer id in a shard and dead-letters the
 * others, so the choice does not depend on the order a runner delivers them in.
 *
 * <p>Records are grouped by a shard of the id rather than by the id itself: a fixed number of groups
 * keeps bundles large on every runner (the DirectRunner makes one bundle per group, and downstream
 * combiners slow down with thousands of tiny bundles), while a shard stays small enough to hold.
 */
public final class KeepFirstPerCustomerFn
    extends DoFn<KV<Integer, Iterable<KV<SourceLine, Row>>>, Row> {
  public static final TupleTag<Row> UNIQUE = new TupleTag<>() {};
  public static final TupleTag<DeadLetter> DUPLICATES = new TupleTag<>() {};

  /** Number of shards customer ids are grouped in. */
  static final int SHARDS = 32;

  private static final Comparator<KV<SourceLine, Row>> SOURCE_ORDER =
      Comparator.comparing((KV<SourceLine, Row> kv) -> kv.getKey().file())
          .thenComparingLong(kv -> kv.getKey().lineNumber());

  /** The shard a customer id is grouped in; also used to group events with their customer. */
  public static int shardOf(String customerId) {
    return Math.floorMod(customerId.hashCode(), SHARDS);
  }

  @ProcessElement
  public void process(@Element KV<Integer, Iterable<KV<SourceLine, Row>>> shard, MultiOutputReceiver out) {
    Map<String, List<KV<SourceLine, Row>>> byId = new TreeMap<>();
    for (KV<SourceLine, Row> record : shard.getValue()) {
      byId.computeIfAbsent(record.getValue().getString(DatasetSchema.ID_FIELD), id -> new ArrayList<>()).add(record);
    }
    byId.forEach((id, records) -> keepFirst(id, records, out));
  }

  private static void keepFirst(String id, List<KV<SourceLine, Row>> records, MultiOutputReceiver out) {
    records.sort(SOURCE_ORDER);
    SourceLine first = records.get(0).getKey();
    out.get(UNIQUE).output(records.get(0).getValue());
    for (KV<SourceLine, Row> duplicate : records.subList(1, records.size())) {
      out.get(DUPLICATES)
          .output(
              DeadLetter.of(
                  duplicate.getKey(),
                  "duplicate customer id "
                      + id
                      + " (first seen at "
                      + first.file()
                      + " line "
                      + first.lineNumber()
                      + ")"));
    }
  }
}
