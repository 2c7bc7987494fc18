package dev.churn.pipelines.jobs;

import dev.churn.models.registry.ModelRegistry;
import dev.churn.models.registry.VersionMetadata;
import dev.churn.models.train.TrainerSettings;
import dev.churn.pipelines.input.CustomerInput;
import dev.churn.pipelines.input.FeatureInputs;
import dev.churn.pipelines.input.ReadCounts;
import dev.churn.pipelines.storage.RegistryLocation;
import dev.churn.pipelines.train.TrainPipeline;
import dev.churn.pipelines.train.VersionAssembler;
import dev.churn.transforms.InvalidInputException;
import dev.churn.transforms.Progress;
import dev.churn.transforms.schema.DatasetSchema;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;

/** Trains a model per segment on labelled customers and registers the version as challenger. */
public final class TrainJob {
  private TrainJob() {}

  /** What to train on, how, and where to register it. */
  public static final class Request {
    public Execution execution;
    public String customers;
    public DatasetSchema schema;
    public RegistryLocation registry;
    public TrainerSettings settings = new TrainerSettings();
    public FeatureInputs events = FeatureInputs.check(null, null, null, null);
  }

  /** The registered version and what was read. */
  public static final class Result {
    public final VersionMetadata version;
    public final ReadCounts counts;
    public final ModelRegistry registry;

    Result(VersionMetadata version, ReadCounts counts, ModelRegistry registry) {
      this.version = version;
      this.counts = counts;
      this.registry = registry;
    }
  }

  public static Result run(Request request) {
    TrainerSettings settings = request.settings;
    if (settings.maxRows < settings.minRows) {
      throw new InvalidInputException(
          "--max-training-rows " + settings.maxRows + ": use at least --min-segment-rows (" + settings.minRows + ")");
    }
    if (settings.folds < 2) {
      throw new InvalidInputException("--folds " + settings.folds + ": use 2 or more");
    }
    PipelineOptions options = request.execution.pipelineOptions("train", request.registry);
    FeatureInputs events = request.events;
    CustomerInput input =
        CustomerInput.check(request.customers, request.schema.withFeatures(events.specFor(request.schema)), true).withEvents(events);
    ModelRegistry models = request.registry.open();
    String staging = models.newStaging();
    try {
      Pipeline pipeline = Pipeline.create(options);
      TrainPipeline.build(pipeline, input, settings, staging);
      PipelineResult result = Execution.runToEnd(pipeline, "training on " + request.customers);
      ReadCounts counts = ReadCounts.of(result);
      Progress.say(counts.summary());
      counts.requireAccepted(input);
      VersionMetadata metadata = VersionAssembler.publish(models, staging, input, settings, counts);
      models.registerChallenger(metadata.version, metadata.segments.keySet());
      return new Result(metadata, counts, models);
    } catch (Exception e) {
      models.discard(staging);
      throw e instanceof RuntimeException ? (RuntimeException) e : new IllegalStateException(e);
    }
  }
}
