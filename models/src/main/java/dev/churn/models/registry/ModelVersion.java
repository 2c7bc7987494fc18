package dev.churn.models.registry;

import dev.churn.models.ChurnModel;
import dev.churn.models.ChurnModels;
import dev.churn.models.train.SegmentModel;
import dev.churn.transforms.Progress;
import dev.churn.transforms.prepare.Preprocessing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A published version loaded for scoring: the preparation and the model that serves each segment. */
public final class ModelVersion {
  /** Versions without a manifest already warned of, once per JVM. */
  private static final Set<String> UNVERIFIED_WARNED = ConcurrentHashMap.newKeySet();
  private final String version;
  private final VersionMetadata metadata;
  private final Preprocessing preprocessing;
  private final ChurnModel global;
  private final Map<String, ChurnModel> segmentModels = new HashMap<>();

  private ModelVersion(String version, Path folder) throws IOException {
    this.version = version;
    this.metadata = Json.MAPPER.readValue(folder.resolve(ModelRegistry.METADATA).toFile(), VersionMetadata.class);
    this.preprocessing =
        Json.MAPPER.readValue(folder.resolve(ModelRegistry.PREPROCESSING).toFile(), Preprocessing.class);
    this.global = load(folder, metadata.global.modelFile);
    for (Map.Entry<String, VersionMetadata.SegmentEntry> entry : metadata.segments.entrySet()) {
      if (SegmentModel.OWN.equals(entry.getValue().source)) {
        segmentModels.put(entry.getKey(), load(folder, entry.getValue().modelFile));
      }
    }
  }

  private ModelVersion(String version, VersionMetadata metadata, Preprocessing preprocessing, ChurnModel global, Map<String, ChurnModel> segmentModels) {
    this.version = version;
    this.metadata = metadata;
    this.preprocessing = preprocessing;
    this.global = global;
    this.segmentModels.putAll(segmentModels);
  }

  /** A version made in memory (a model just trained, a test): its parts as they would be loaded. */
  public static ModelVersion of(
      String version, VersionMetadata metadata, Preprocessing preprocessing, ChurnModel global, Map<String, ChurnModel> segmentModels) {
    return new ModelVersion(version, metadata, preprocessing, global, segmentModels);
  }

  /**
   * Loads a published version, after checking its files against its manifest; a version without one
   * (written before manifests) loads with a warning.
   */
  public static ModelVersion load(ModelRegistry registry, String version) {
    Path folder = registry.versionFolder(version);
    if (!VersionManifest.verify(folder, version, registry.location()) && UNVERIFIED_WARNED.add(registry.location() + "/" + version)) {
      Progress.say("warning: model version " + version + " of registry " + registry.location() + " has no " + VersionManifest.FILE
          + " (it was written before versions recorded their files' SHA-256): its files cannot be verified");
    }
    try {
      return new ModelVersion(version, folder);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot load model version " + version + " from " + registry.location() + ": " + e.getMessage(), e);
    }
  }

  private static ChurnModel load(Path folder, String file) throws IOException {
    return ChurnModels.read(Files.readAllBytes(folder.resolve(file)));
  }

  public String version() {
    return version;
  }

  public VersionMetadata metadata() {
    return metadata;
  }

  public Preprocessing preprocessing() {
    return preprocessing;
  }

  /** The model for a segment: its own, or the global model (also for segments unseen in training). */
  public ChurnModel modelFor(String segment) {
    return segmentModels.getOrDefault(segment, global);
  }

  /** The same version with models that many threads can call at once ({@link ChurnModel#forConcurrentUse}). */
  public ModelVersion forConcurrentUse() {
    Map<String, ChurnModel> concurrent = new HashMap<>();
    segmentModels.forEach((segment, model) -> concurrent.put(segment, model.forConcurrentUse()));
    return new ModelVersion(version, metadata, preprocessing, global.forConcurrentUse(), concurrent);
  }

  /** Whether the segment has a model of its own (rather than the global one). */
  public boolean hasOwnModel(String segment) {
    return segmentModels.containsKey(segment);
  }

  /** Names the model that serves a segment, for the score rows: {@code v0003/Month-to-month}. */
  public String modelTag(String segment) {
    return version + "/" + (hasOwnModel(segment) ? segment : "global");
  }
}
