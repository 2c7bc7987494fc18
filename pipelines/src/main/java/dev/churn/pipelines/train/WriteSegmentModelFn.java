package dev.churn.pipelines.train;

import dev.churn.models.registry.Json;
import dev.churn.models.train.SegmentModel;
import dev.churn.pipelines.storage.StagedFiles;
import java.io.IOException;
import org.apache.beam.sdk.transforms.DoFn;

/**
 * Writes a trained segment into the staging folder: {@code models/NAME.bin} when it has its own model,
 * and {@code segments/NAME.json} with its metrics and validation predictions, which the version's
 * metadata is assembled from.
 */
final class WriteSegmentModelFn extends DoFn<SegmentModel, Void> {
  static final String MODELS = "models";
  static final String SEGMENTS = "segments";

  private final String stagingFolder;

  WriteSegmentModelFn(String stagingFolder) {
    this.stagingFolder = stagingFolder;
  }

  @ProcessElement
  public void process(@Element SegmentModel model) throws IOException {
    String name = StagedFiles.fileNameOf(model.segment);
    if (model.model != null) {
      StagedFiles.write(stagingFolder, MODELS + "/" + name + ".bin", model.model);
    }
    StagedFiles.write(stagingFolder, SEGMENTS + "/" + name + ".json", Json.MAPPER.writeValueAsBytes(model));
  }
}
