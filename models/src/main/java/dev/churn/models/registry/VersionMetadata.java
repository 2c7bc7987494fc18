package dev.churn.models.registry;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.churn.models.evaluate.BinaryMetrics;
import dev.churn.models.evaluate.Fairness;
import dev.churn.models.train.SegmentModel;
import dev.churn.models.train.SegmentSummary;
import dev.churn.models.train.TrainerSettings;
import dev.churn.transforms.schema.DatasetSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code metadata.json} of a registered version: what was trained, on what, how, and how well. */
public final class VersionMetadata {
  /** The version's folder name; not stored in the file, which is complete before the name is known. */
  @JsonIgnore public String version;
  @JsonProperty public String createdAt;
  @JsonProperty public DatasetSchema schema;
  @JsonProperty public TrainerSettings settings;
  @JsonProperty public TrainingDataInfo trainingData = new TrainingDataInfo();
  /** Out-of-fold metrics of the whole set of segment models (each segment scored by its model). */
  @JsonProperty public SegmentModel.Metrics overall;
  @JsonProperty public Thresholds thresholds = new Thresholds();
  /** Out-of-fold metrics per group of each sensitive attribute, at the decision threshold. */
  @JsonProperty public List<Fairness> fairness = new ArrayList<>();
  /** What monitoring measures drift against; null in versions trained before monitoring existed. */
  @JsonProperty public TrainingProfile trainingProfile;
  @JsonProperty public SegmentEntry global;
  @JsonProperty public Map<String, SegmentEntry> segments = new LinkedHashMap<>();
  @JsonProperty public Map<String, String> libraries = new LinkedHashMap<>();

  /** Where the training data came from and a fingerprint of it. */
  public static final class TrainingDataInfo {
    @JsonProperty public List<String> files = new ArrayList<>();
    /** SHA-256 over the bytes of the files, in the listed order. */
    @JsonProperty public String sha256;
    @JsonProperty public long rowsRead;
    @JsonProperty public long rowsAccepted;
    @JsonProperty public long deadLetters;
    /** Event features were computed as of this time (ISO-8601); null without event inputs. */
    @JsonProperty public String cutoff;
    /** Per event input (telemetry, devices, interactions): its files and records accepted and dead-lettered. */
    @JsonProperty public Map<String, Map<String, Object>> events = new TreeMap<>();
  }

  /**
   * Probability cut-offs chosen on the out-of-fold predictions. The bands follow a retention team's
   * capacity: {@code high} is the riskiest 10 % of validation customers, {@code medium} the next 20 %.
   * {@code decision} is the cut-off with the best F1, used for accuracy and F1.
   */
  public static final class Thresholds {
    public static final double HIGH_SHARE = 0.10;
    public static final double MEDIUM_SHARE = 0.20;

    @JsonProperty public double medium;
    @JsonProperty public double high;
    @JsonProperty public double decision;

    public static Thresholds fit(double[] labels, double[] predictions) {
      double[] sorted = predictions.clone();
      java.util.Arrays.sort(sorted);
      Thresholds thresholds = new Thresholds();
      thresholds.high = quantile(sorted, 1 - HIGH_SHARE);
      thresholds.medium = quantile(sorted, 1 - HIGH_SHARE - MEDIUM_SHARE);
      thresholds.decision = BinaryMetrics.bestF1Threshold(labels, predictions);
      return thresholds;
    }

    private static double quantile(double[] sorted, double q) {
      return sorted.length == 0 ? 0.5 : sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }

    public String band(double probability) {
      return probability >= high ? "high" : probability >= medium ? "medium" : "low";
    }
  }

  /** How one segment is served. */
  /** A segment's entry: its summary, and where its own model's file is. */
  public static final class SegmentEntry extends SegmentSummary {
    private static final long serialVersionUID = 1L;
    /** Path of the model file inside the version folder. */
    @JsonProperty public String modelFile;

    public static SegmentEntry of(SegmentModel model, String modelFile) {
      SegmentEntry entry = new SegmentEntry();
      entry.summarize(model);
      entry.modelFile = modelFile;
      return entry;
    }
  }
}
