package dev.churn.pipelines.train;

import dev.churn.models.evaluate.Fairness;
import dev.churn.models.registry.Json;
import dev.churn.models.registry.ModelRegistry;
import dev.churn.models.registry.PromotionGate;
import dev.churn.models.registry.TrainingProfile;
import dev.churn.models.registry.VersionManifest;
import dev.churn.models.registry.VersionMetadata;
import dev.churn.models.train.SegmentModel;
import dev.churn.models.train.TrainerSettings;
import dev.churn.pipelines.input.CustomerInput;
import dev.churn.pipelines.input.ReadCounts;
import dev.churn.pipelines.storage.StagedFiles;
import dev.churn.transforms.io.InputFiles;
import dev.churn.transforms.monitor.FeatureProfile;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Turns a staging folder written by {@link TrainPipeline} into a complete version: assembles
 * {@code metadata.json} from the trained segments (overall out-of-fold metrics, risk thresholds,
 * metrics per sensitive group, fingerprint of the training data, the training profile monitoring
 * compares with), removes the intermediate files
 * and publishes it.
 */
public final class VersionAssembler {
  private VersionAssembler() {}

  /** Publishes the staged version and returns its metadata. */
  public static VersionMetadata publish(
      ModelRegistry registry, String staging, CustomerInput input, TrainerSettings settings, ReadCounts counts)
      throws IOException {
    List<SegmentModel> trained = readSegments(staging + "/" + WriteSegmentModelFn.SEGMENTS);
    VersionMetadata metadata = new VersionMetadata();
    metadata.createdAt = Instant.now().toString();
    metadata.schema = input.schema();
    metadata.settings = settings;
    metadata.trainingData.files = input.files();
    metadata.trainingData.sha256 = sha256(input.files());
    metadata.trainingData.rowsRead = counts.read;
    metadata.trainingData.rowsAccepted = counts.accepted;
    metadata.trainingData.deadLetters = counts.deadLettered;
    if (input.events() != null && input.schema().hasFeatures()) {
      metadata.trainingData.cutoff = input.events().describeCutoff();
      input.events().patterns().forEach((what, pattern) -> {
        long[] c = counts.events.getOrDefault(what, new long[2]);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("files", pattern);
        entry.put("accepted", c[0]);
        entry.put("dead_lettered", c[1]);
        metadata.trainingData.events.put(what, entry);
      });
    }
    metadata.libraries.put("deeplearning4j", "1.0.0-M2.1");
    metadata.libraries.put("beam", org.apache.beam.sdk.util.ReleaseInfo.getReleaseInfo().getVersion());

    List<double[]> labels = new ArrayList<>();
    List<double[]> predictions = new ArrayList<>();
    List<double[]> served = new ArrayList<>();
    List<String[]> groups = new ArrayList<>();
    for (SegmentModel segment : trained) {
      String modelFile = WriteSegmentModelFn.MODELS + "/" + StagedFiles.fileNameOf(segment.segment) + ".bin";
      if (segment.isGlobal()) {
        metadata.global = VersionMetadata.SegmentEntry.of(segment, modelFile);
        continue;
      }
      boolean own = SegmentModel.OWN.equals(segment.source);
      metadata.segments.put(segment.segment, VersionMetadata.SegmentEntry.of(segment, own ? modelFile : null));
      labels.add(segment.validationLabels);
      predictions.add(segment.validationPredictions);
      served.add(segment.servedPredictions);
      groups.addAll(List.of(segment.validationGroups));
    }
    double[] y = concat(labels);
    double[] p = concat(predictions);
    metadata.overall = SegmentModel.Metrics.of(y, p);
    metadata.thresholds = VersionMetadata.Thresholds.fit(y, p);
    PromotionGate gate = new PromotionGate();
    for (int a = 0; a < input.schema().sensitive.size(); a++) {
      int attribute = a;
      String[] values = groups.stream().map(g -> g[attribute]).toArray(String[]::new);
      metadata.fairness.add(
          Fairness.of(
              input.schema().sensitive.get(a), values, y, p, metadata.thresholds.decision, gate.minGroupRows, gate.minGroupPositives));
    }

    String featureProfile = staging + "/" + ModelRegistry.FEATURE_PROFILE;
    metadata.trainingProfile = TrainingProfile.of(Json.MAPPER.readValue(readAll(featureProfile), FeatureProfile.class), concat(served));
    delete(matchAll(featureProfile));
    delete(matchAll(staging + "/" + WriteSegmentModelFn.SEGMENTS + "/*"));
    if (!staging.contains("://")) {
      java.nio.file.Files.deleteIfExists(java.nio.file.Path.of(staging, WriteSegmentModelFn.SEGMENTS)); // the empty folder
    }
    StagedFiles.write(staging, ModelRegistry.METADATA, Json.MAPPER.writeValueAsBytes(metadata));
    StagedFiles.write(staging, VersionManifest.FILE, Json.MAPPER.writeValueAsBytes(manifest(staging, metadata)));
    // the folder name is the version: it is known only once published, and never written into it
    metadata.version = registry.publish(staging);
    return metadata;
  }


  /** The SHA-256 of every file of the staged version: its metadata, preparation, models and dead letters. */
  private static VersionManifest manifest(String staging, VersionMetadata metadata) throws IOException {
    List<String> files = new ArrayList<>(List.of(ModelRegistry.METADATA, ModelRegistry.PREPROCESSING, metadata.global.modelFile));
    metadata.segments.values().stream().map(s -> s.modelFile).filter(f -> f != null && !files.contains(f)).forEach(files::add);
    for (ResourceId deadLetters : matchAll(staging + "/dead-letters-*")) {
      files.add(deadLetters.getFilename());
    }
    VersionManifest manifest = new VersionManifest();
    for (String file : files) {
      manifest.files.put(file, VersionManifest.sha256(InputFiles.open(staging + "/" + file)));
    }
    return manifest;
  }

  private static List<SegmentModel> readSegments(String folder) throws IOException {
    List<SegmentModel> segments = new ArrayList<>();
    for (ResourceId file : matchAll(folder + "/*.json")) {
      segments.add(Json.MAPPER.readValue(readAll(file.toString()), SegmentModel.class));
    }
    segments.sort((a, b) -> a.segment.compareTo(b.segment));
    return segments;
  }

  private static byte[] readAll(String location) throws IOException {
    try (InputStream in = InputFiles.open(location)) {
      return in.readAllBytes();
    }
  }

  private static List<ResourceId> matchAll(String pattern) throws IOException {
    return FileSystems.match(pattern, EmptyMatchTreatment.ALLOW).metadata().stream()
        .map(MatchResult.Metadata::resourceId)
        .collect(Collectors.toList());
  }

  private static void delete(List<ResourceId> files) throws IOException {
    FileSystems.delete(files, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
  }

  private static double[] concat(List<double[]> parts) {
    return parts.stream().flatMapToDouble(java.util.Arrays::stream).toArray();
  }

  static String sha256(List<String> files) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (String file : files) {
        try (InputStream in = new DigestInputStream(InputFiles.open(file), digest)) {
          while (in.read(buffer) >= 0) {
            // reading feeds the digest
          }
        }
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
