package dev.churn.pipelines.monitor;

import dev.churn.pipelines.input.CustomerInput;
import dev.churn.pipelines.storage.WriteJsonFileFn;
import dev.churn.pipelines.score.ScoreFormat;
import dev.churn.pipelines.rows.ScoreRows;
import dev.churn.transforms.customers.CustomerRecords;
import dev.churn.transforms.customers.CustomerShards;
import dev.churn.transforms.customers.DeadLetter;
import dev.churn.transforms.customers.WriteDeadLetters;
import dev.churn.transforms.io.ReadLinesWithNumbers;
import dev.churn.transforms.io.SourceLine;
import dev.churn.transforms.monitor.FeatureProfile;
import dev.churn.transforms.monitor.Histogram;
import dev.churn.transforms.monitor.ProfileFeatures;
import dev.churn.transforms.schema.DatasetSchema;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.extensions.avro.schemas.utils.AvroUtils;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.beam.sdk.schemas.SchemaCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.Top;
import org.apache.beam.sdk.transforms.join.RawUnionValue;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.ReadableInstant;

/**
 * The monitoring pipeline: profiles the customers a run scored against the training profile, joins
 * each score row with the customer's sensitive groups and (when given) its late label, and combines
 * everything into {@link OutcomeStats} and the highest-risk customers. Each result is one small JSON
 * file in {@link Job#resultsFolder}; {@link MonitorChecks} turns them into statuses.
 */
public final class MonitorPipeline {
  public static final String METRICS = "monitor";
  public static final String FEATURES = "features.json";
  public static final String OUTCOMES = "outcomes.json";
  public static final String HIGHEST_RISK = "highest-risk.json";
  public static final int HIGHEST_RISK_COUNT = 20;
  /** The CSV inputs read line by line: their step names, dead-letter files and counters. */
  static final String SCORES = "scores";
  static final String LABELS = "labels";

  private MonitorPipeline() {}

  /** What to monitor and against what. */
  public static final class Job {
    public CustomerInput customers;
    /** File patterns of the run's score files (all CSV or all Parquet). */
    public List<String> scores;
    /** Only the score rows of this run id; null for all. */
    public String runId;
    /** Null without labels. */
    public LabelFile labels;
    public FeatureProfile trainingFeatures;
    public Histogram trainingPredictions;
    public double decisionThreshold;
    public String resultsFolder;
    public String deadLetterFolder;
  }

  public static void build(Pipeline pipeline, Job job) {
    DatasetSchema schema = job.customers.schema();
    CustomerRecords records = job.customers.readWithFeatures(pipeline);
    records.deadLetters().apply("WriteCustomerDeadLetters", WriteDeadLetters.to(job.deadLetterFolder + "/customers"));
    records
        .customers()
        .apply("ProfileFeatures", ProfileFeatures.against(job.trainingFeatures))
        .apply("WriteFeatureProfile", ParDo.of(new WriteJsonFileFn<>(job.resultsFolder, FEATURES)));

    List<String> sensitive = schema.sensitive;
    PCollection<KV<String, Map<String, String>>> groups =
        records
            .customers()
            .apply(
                "SensitiveGroups",
                MapElements.into(
                        TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.maps(TypeDescriptors.strings(), TypeDescriptors.strings())))
                    .via(customer -> KV.of(customer.getString(DatasetSchema.ID_FIELD), groupsOf(customer, sensitive))))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), MapCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())));

    String runId = job.runId;
    KvCoder<String, Row> scoreCoder = KvCoder.of(StringUtf8Coder.of(), SchemaCoder.of(ScoreRows.SCHEMA));
    PCollection<KV<String, Row>> scores =
        readScores(pipeline, job, scoreCoder)
            .apply("OfRun", Filter.by(score -> runId == null || runId.equals(score.getValue().getString(ScoreRows.RUN_ID))));
    KvCoder<String, LabelFile.Label> labelCoder = KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(LabelFile.Label.class));
    CustomerShards shards = new CustomerShards(List.of(scoreCoder, groups.getCoder(), labelCoder));
    PCollectionList<KV<Integer, RawUnionValue>> tagged =
        PCollectionList.of(shards.tagged("Scores", scores, JoinOutcomesFn.SCORES)).and(shards.tagged("Groups", groups, JoinOutcomesFn.GROUPS));
    if (job.labels != null) {
      LabelFile labels = job.labels;
      tagged = tagged.and(shards.tagged("Labels", parse(pipeline, LABELS, List.of(labels.pattern()), job.deadLetterFolder, labels::parse, labelCoder), JoinOutcomesFn.LABELS));
    }
    PCollectionTuple joined =
        CustomerShards.group("ByCustomerShard", tagged)
            .apply("JoinOutcomes", ParDo.of(new JoinOutcomesFn()).withOutputTags(JoinOutcomesFn.OUTCOMES, TupleTagList.of(JoinOutcomesFn.CONFLICTING_LABELS)));
    joined
        .get(JoinOutcomesFn.CONFLICTING_LABELS)
        .setCoder(DeadLetter.CODER)
        .apply("WriteConflictingLabels", WriteDeadLetters.to(job.deadLetterFolder + "/conflicting-labels"));
    PCollection<Row> outcomes = joined.get(JoinOutcomesFn.OUTCOMES).setRowSchema(ScoreRows.LABELLED_SCHEMA);
    outcomes
        .apply("CombineOutcomes", Combine.globally(new OutcomeFn(job.trainingPredictions, job.decisionThreshold)))
        .setCoder(SerializableCoder.of(OutcomeStats.class))
        .apply("WriteOutcomes", ParDo.of(new WriteJsonFileFn<>(job.resultsFolder, OUTCOMES)));
    outcomes
        .apply("HighestRisk", Top.of(HIGHEST_RISK_COUNT, new ByRisk()))
        .apply("WriteHighestRisk", ParDo.of(new WriteJsonFileFn<List<Row>>(job.resultsFolder, HIGHEST_RISK, MonitorPipeline::toMaps)));
  }

  private static KV<String, Row> keyed(Row score) {
    return KV.of(score.getString(ScoreRows.CUSTOMER_ID), score);
  }

  private static Map<String, String> groupsOf(Row customer, List<String> sensitive) {
    Map<String, String> groups = new LinkedHashMap<>();
    sensitive.forEach(attribute -> groups.put(attribute, DatasetSchema.groupOf(customer, attribute)));
    return groups;
  }

  /** Reads CSV files with a header into keyed values; rejected lines go to {@code deadLetters/NAME}. */
  /** The score rows of the files, CSV or Parquet, keyed by customer id. */
  private static PCollection<KV<String, Row>> readScores(Pipeline pipeline, Job job, KvCoder<String, Row> coder) {
    if (ScoreFormat.of(job.scores.get(0)) == ScoreFormat.CSV) {
      return parse(pipeline, SCORES, job.scores, job.deadLetterFolder, line -> keyed(ScoreRows.fromCsv(line.text())), coder);
    }
    // typed columns: a Parquet file has no line a parser could reject
    return pipeline
        .apply("ScorePatterns", Create.of(job.scores).withCoder(StringUtf8Coder.of()))
        .apply("MatchScores", FileIO.matchAll())
        .apply("OpenScores", FileIO.readMatches())
        .apply("ReadScores", ParquetIO.readFiles(ScoreFormat.PARQUET_SCHEMA))
        .apply("ParseScores", MapElements.into(coder.getEncodedTypeDescriptor()).via(record -> keyed(AvroUtils.toBeamRowStrict(record, ScoreRows.SCHEMA))))
        .setCoder(coder);
  }

  private static <T> PCollection<KV<String, T>> parse(
      Pipeline pipeline,
      String name,
      List<String> patterns,
      String deadLetters,
      SerializableFunction<SourceLine, KV<String, T>> parser,
      Coder<KV<String, T>> coder) {
    TupleTag<KV<String, T>> parsed = new TupleTag<>();
    String step = Character.toUpperCase(name.charAt(0)) + name.substring(1);
    PCollectionTuple lines =
        pipeline
            .apply("Read" + step, ReadLinesWithNumbers.from(patterns))
            .apply(
                "Parse" + step,
                ParDo.of(new KeyedLineParser<>(name, parsed, parser))
                    .withOutputTags(parsed, TupleTagList.of(KeyedLineParser.REJECTED)));
    lines
        .get(KeyedLineParser.REJECTED)
        .setCoder(DeadLetter.CODER)
        .apply("Write" + step + "DeadLetters", WriteDeadLetters.to(deadLetters + "/" + name));
    return lines.get(parsed).setCoder(coder);
  }

  /** Riskiest first; ties by customer id, so the list does not depend on the runner. */
  static final class ByRisk implements Comparator<Row>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public int compare(Row a, Row b) {
      int byProbability = Double.compare(a.getDouble(ScoreRows.CHURN_PROBABILITY), b.getDouble(ScoreRows.CHURN_PROBABILITY));
      return byProbability != 0 ? byProbability : b.getString(ScoreRows.CUSTOMER_ID).compareTo(a.getString(ScoreRows.CUSTOMER_ID));
    }
  }

  private static List<Map<String, Object>> toMaps(List<Row> customers) {
    List<Map<String, Object>> maps = new ArrayList<>();
    for (Row customer : customers) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (String field : ScoreRows.LABELLED_SCHEMA.getFieldNames()) {
        Object value = customer.getValue(field);
        map.put(field, value instanceof ReadableInstant ? value.toString() : value);
      }
      maps.add(map);
    }
    return maps;
  }
}
