package dev.churn.pipelines.jobs;

import dev.churn.models.registry.ModelChoice;
import dev.churn.models.registry.ModelVersion;
import dev.churn.pipelines.input.CustomerInput;
import dev.churn.pipelines.input.ReadCounts;
import dev.churn.pipelines.online.OnlineStore;
import dev.churn.pipelines.online.WriteOnlineFeaturesFn;
import dev.churn.transforms.InvalidInputException;
import dev.churn.transforms.Progress;
import dev.churn.transforms.customers.CustomerRecords;
import dev.churn.transforms.schema.DatasetSchema;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.ParDo;

/**
 * Writes the event features of every customer as of the cutoff, computed from event files exactly as
 * batch scoring computes them, to the online store, for the endpoint to look up.
 */
public final class MaterializeJob {
  private MaterializeJob() {}

  public static final class Request {
    public Execution execution;
    /** The customers, the model version whose event features to compute, and the event files with the cutoff. */
    public ScoringInputs inputs;
    public OnlineStore store;
  }

  public static final class Result {
    public ModelChoice models;
    public ReadCounts counts;
    public long written;
    /** Customers whose stored features were as of a later time, and were kept. */
    public long olderThanStored;
  }

  public static Result run(Request request) {
    PipelineOptions options = request.execution.pipelineOptions("materialize", request.inputs.registry);
    ScoringInputs inputs = request.inputs;
    ModelChoice models = inputs.models();
    ModelVersion version = inputs.load(models);
    DatasetSchema schema = inputs.schema(version);
    if (!schema.hasFeatures()) {
      throw new InvalidInputException("model version " + version.version() + " uses no event features: there is nothing to materialize");
    }
    CustomerInput input = inputs.input(version, false);
    long cutoffMillis = Math.round(inputs.events.cutoff() * 1000);
    Pipeline pipeline = Pipeline.create(options);
    CustomerRecords records = input.readWithFeatures(pipeline);
    records.customers().apply("WriteOnlineStore", ParDo.of(new WriteOnlineFeaturesFn(request.store, schema, cutoffMillis)));
    PipelineResult finished =
        Execution.runToEnd(pipeline, "materializing the event features of " + inputs.customers + " as of " + inputs.events.describeCutoff() + " into " + request.store);
    Result result = new Result();
    result.models = models;
    result.counts = ReadCounts.of(finished);
    Progress.say(result.counts.summary());
    result.counts.requireAccepted(input);
    result.written = ReadCounts.counter(finished, WriteOnlineFeaturesFn.METRICS, "written");
    result.olderThanStored = ReadCounts.counter(finished, WriteOnlineFeaturesFn.METRICS, "older_than_stored");
    return result;
  }
}
