package dev.churn.pipelines.storage;

import dev.churn.models.registry.Json;
import java.io.IOException;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.SerializableFunction;

/**
 * Writes each element (one is expected: the result of a global combine) as a JSON file of the given
 * name in a folder, or what {@code view} makes of it; a retry overwrites it.
 */
public final class WriteJsonFileFn<T> extends DoFn<T, Void> {
  private final String folder;
  private final String name;
  private final SerializableFunction<T, Object> view;

  public WriteJsonFileFn(String folder, String name) {
    this(folder, name, element -> element);
  }

  public WriteJsonFileFn(String folder, String name, SerializableFunction<T, Object> view) {
    this.folder = folder;
    this.name = name;
    this.view = view;
  }

  @ProcessElement
  public void process(@Element T element) throws IOException {
    StagedFiles.write(folder, name, Json.MAPPER.writeValueAsBytes(view.apply(element)));
  }
}
