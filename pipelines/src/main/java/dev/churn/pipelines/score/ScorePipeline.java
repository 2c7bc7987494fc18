package dev.churn.pipelines.score;

import dev.churn.models.registry.ModelChoice;
import dev.churn.pipelines.input.CustomerInput;
import dev.churn.pipelines.rows.ScoreRowFormat;
import dev.churn.pipelines.sink.ScoreTable;
import dev.churn.pipelines.sink.WriteScoresToJdbc;
import dev.churn.pipelines.storage.RegistryLocation;
import dev.churn.transforms.customers.CustomerRecords;
import dev.churn.transforms.customers.WriteDeadLetters;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;

/**
 * The scoring pipeline: reads and validates customers, scores each with the model of its segment, and
 * writes score rows as files and, when a table is given, as JDBC upserts into its staging table: all
 * of it staged, for the run to publish once the pipeline has succeeded.
 */
public final class ScorePipeline {
  private ScorePipeline() {}

  /** Scoring settings: which version, which run, where to write. */
  public static final class Job {
    public RegistryLocation registry;
    public ModelChoice models;
    public String runId;
    public Instant scoredAt;
    /** Folder the CSV files and dead letters are written to (a staging folder, published after). */
    public String outputFolder;
    /** The id of the run's publication, in its file names and staged table rows ({@code OutputFolder.Run#id}). */
    public String publication;
    public ScoreFileLayout layout = ScoreFileLayout.flat();
    /** Null for no JDBC output; the rows go to its staging table, published after. */
    public ScoreTable table;
  }

  /** What a scoring pipeline wrote, once written: for a step that must come after the writes. */
  public static final class Written {
    /** The score files. */
    public PCollection<String> files;
    /** The end of the table write, for {@code Wait.on} (it holds no elements); null without a table. */
    public PCollection<Void> tableBatches;
  }

  public static Written build(Pipeline pipeline, CustomerInput input, Job job) {
    CustomerRecords records = input.readWithFeatures(pipeline);
    records.deadLetters().apply("WriteDeadLetters", WriteDeadLetters.to(job.layout.deadLetterPrefix(job.outputFolder, job.publication, job.scoredAt)));
    PCollection<Row> scores = score(records.customers(), input, job.registry, job.models, job.runId, job.scoredAt, false, "ScoreCustomers");
    Written written = new Written();
    written.files = job.layout.write(scores, job.outputFolder, job.publication, job.scoredAt);
    if (job.table != null) {
      written.tableBatches = scores.apply("WriteJdbc", WriteScoresToJdbc.staged(job.table, job.publication));
    }
    return written;
  }

  /**
   * Applies {@link ScoreCustomersFn}; shared by scoring and evaluation ({@code labelled}: rows with the
   * label and sensitive attributes).
   */
  public static PCollection<Row> score(
      PCollection<Row> customers,
      CustomerInput input,
      RegistryLocation registry,
      ModelChoice models,
      String runId,
      Instant scoredAt,
      boolean labelled,
      String stepName) {
    String segmentColumn = input.schema().hasSegment() ? input.schema().segment : null;
    ScoreCustomersFn fn =
        new ScoreCustomersFn(
            registry, models, segmentColumn, runId, scoredAt, labelled ? ScoreRowFormat.labelled(input.schema().sensitive) : ScoreRowFormat.SCORES);
    return customers.apply(stepName, ParDo.of(fn)).setRowSchema(fn.outputSchema());
  }
}
