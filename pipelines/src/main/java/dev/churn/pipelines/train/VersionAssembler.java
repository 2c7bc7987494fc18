package dev.churn.pipelines.train;

import dev.churn.models.evaluate.Fairness;
import dev.churn.models.registry.Json;
import dev.churn.models.registry.ModelRegistry;
import dev.churn.models.registry.PromotionGate;
import dev.churn.models.registry.TrainingProfile;
import dev.churn.models.registry.VersionMetadata;
import dev.churn.models.train.SegmentModel;
import dev.churn.models.train.TrainerSettings;
import dev.churn.pipelines.CustomerInput;
import dev.churn.pipelines.ReadCounts;
import dev.churn.pipelines.StagedFiles;
import dev.churn.transforms.io.InputFiles;
import dev.churn.transforms.io.LocalFolders;
import dev.churn.transforms.monitor.FeatureProfile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.stream.Stream;

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
      ModelRegistry registry, Path staging, CustomerInput input, TrainerSettings settings, ReadCounts counts)
      throws IOException {
    List<SegmentModel> trained = readSegments(staging.resolve(WriteSegmentModelFn.SEGMENTS));
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

    Path featureProfile = staging.resolve(ModelRegistry.FEATURE_PROFILE);
    metadata.trainingProfile = TrainingProfile.of(Json.MAPPER.readValue(featureProfile.toFile(), FeatureProfile.class), concat(served));
    Files.delete(featureProfile);
    LocalFolders.delete(staging.resolve(WriteSegmentModelFn.SEGMENTS));
    Files.write(staging.resolve(ModelRegistry.METADATA), Json.MAPPER.writeValueAsBytes(metadata));
    // the folder name is the version: it is known only once published, and never written into it
    metadata.version = registry.publish(staging);
    return metadata;
  }


  private static List<SegmentModel> readSegments(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      List<SegmentModel> segments = new ArrayList<>();
      for (Path file : files.sorted().collect(Collectors.toList())) {
        segments.add(Json.MAPPER.readValue(file.toFile(), SegmentModel.class));
      }
      segments.sort((a, b) -> a.segment.compareTo(b.segment));
      return segments;
    }
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
