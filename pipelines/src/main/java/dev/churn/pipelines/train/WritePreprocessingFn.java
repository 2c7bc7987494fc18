package dev.churn.pipelines.train;

import dev.churn.models.registry.Json;
import dev.churn.models.registry.ModelRegistry;
import dev.churn.transforms.prepare.Preprocessing;
import java.io.IOException;
import org.apache.beam.sdk.transforms.DoFn;

/** Writes the fitted preparation into the staging folder, to be applied unchanged at scoring. */
final class WritePreprocessingFn extends DoFn<Preprocessing, Void> {
  private final String stagingFolder;

  WritePreprocessingFn(String stagingFolder) {
    this.stagingFolder = stagingFolder;
  }

  @ProcessElement
  public void process(@Element Preprocessing preprocessing) throws IOException {
    StagedFiles.write(stagingFolder, ModelRegistry.PREPROCESSING, Json.MAPPER.writeValueAsBytes(preprocessing));
  }
}
