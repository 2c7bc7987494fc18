package dev.churn.pipelines.train;

import dev.churn.models.registry.ModelRegistry;
import dev.churn.models.train.SegmentModel;
import dev.churn.models.train.TrainerSettings;
import dev.churn.pipelines.input.CustomerInput;
import dev.churn.pipelines.storage.WriteJsonFileFn;
import dev.churn.transforms.customers.CustomerRecords;
import dev.churn.transforms.customers.WriteDeadLetters;
import dev.churn.transforms.monitor.ProfileFeatures;
import dev.churn.transforms.prepare.FitPreprocessing;
import dev.churn.transforms.prepare.Preprocessing;
import dev.churn.transforms.schema.DatasetSchema;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The training pipeline: reads and validates labelled customers, fits the preparation on them, trains
 * the global model and then every segment (a segment is a key, so segments train in parallel across
 * workers) on at most {@link TrainerSettings#maxRows} rows each (a {@link TrainingSample}), profiles the
 * inputs for monitoring, and writes everything into a staging folder that {@link VersionAssembler}
 * publishes.
 */
public final class TrainPipeline {
  private TrainPipeline() {}

  /** Builds the pipeline; returns the trained models (global and per segment), also written to staging. */
  public static PCollection<SegmentModel> build(
      Pipeline pipeline, CustomerInput input, TrainerSettings settings, String stagingFolder) {
    DatasetSchema schema = input.schema();
    CustomerRecords records = input.readWithFeatures(pipeline);
    records.deadLetters().apply("WriteDeadLetters", WriteDeadLetters.to(stagingFolder + "/dead-letters"));

    records
        .customers()
        .apply("ProfileFeatures", ProfileFeatures.fit(schema))
        .apply("WriteFeatureProfile", ParDo.of(new WriteJsonFileFn<>(stagingFolder, ModelRegistry.FEATURE_PROFILE)));

    PCollection<Preprocessing> preprocessing =
        records.customers().apply("FitPreprocessing", FitPreprocessing.of(schema));
    preprocessing.apply("WritePreprocessing", ParDo.of(new WriteJsonFileFn<>(stagingFolder, ModelRegistry.PREPROCESSING)));
    PCollectionView<Preprocessing> preprocessingView =
        preprocessing.apply("PreprocessingView", View.asSingleton());

    PCollection<KV<String, LabelledExample>> examples =
        records
            .customers()
            .apply(
                "EncodeExamples",
                ParDo.of(new EncodeExampleFn(schema.hasSegment() ? schema.segment : null, schema.sensitive, preprocessingView))
                    .withSideInputs(preprocessingView))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), LabelledExampleCoder.of()));

    PCollectionView<Map<String, Long>> labelledRows =
        examples.apply("CountBySegment", Count.perKey()).apply("LabelledRowsView", View.asMap());
    TrainingSample sample = new TrainingSample(settings.maxRows, settings.seed);

    PCollection<SegmentModel> global =
        examples
            .apply(
                "KeyAsGlobal",
                MapElements.into(
                        TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptor.of(LabelledExample.class)))
                    .via(example -> KV.of(SegmentModel.GLOBAL, example.getValue())))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), LabelledExampleCoder.of()))
            .apply("SampleGlobal", sample)
            .apply(
                "TrainGlobalModel",
                ParDo.of(new TrainSegmentFn(settings, preprocessingView, labelledRows, null))
                    .withSideInputs(preprocessingView, labelledRows))
            .setCoder(SerializableCoder.of(SegmentModel.class));
    PCollectionView<SegmentModel> globalView = global.apply("GlobalModelView", View.asSingleton());

    PCollection<SegmentModel> segments =
        examples
            .apply("SampleBySegment", sample)
            .apply(
                "TrainSegmentModels",
                ParDo.of(new TrainSegmentFn(settings, preprocessingView, labelledRows, globalView))
                    .withSideInputs(preprocessingView, labelledRows, globalView))
            .setCoder(SerializableCoder.of(SegmentModel.class));

    PCollection<SegmentModel> models =
        PCollectionList.of(global).and(segments).apply("AllModels", Flatten.pCollections());
    models.apply("WriteModels", ParDo.of(new WriteSegmentModelFn(stagingFolder)));
    return models;
  }
}
