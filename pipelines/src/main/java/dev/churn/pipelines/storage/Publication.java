package dev.churn.pipelines.storage;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one run published in an output folder: its files, as patterns relative to the folder that match
 * only this publication's files (their names hold its id) or name files it replaces in place, and the
 * table written with them. A publication replaces the earlier one of the same slot.
 */
public final class Publication {
  /** Unique: the run id and a random part, as in the names of its files. */
  @JsonProperty public String id;

  /** A new publication replaces the current one with the same slot (the latest flat scores, one run's partitions). */
  @JsonProperty public String slot;

  @JsonProperty("run_id")
  public String runId;

  @JsonProperty("published_at")
  public String publishedAt;

  /** What each group of files is ({@code scores}, {@code dead_letters}, {@code report}) to its pattern. */
  @JsonProperty public Map<String, String> files = new LinkedHashMap<>();

  /** The table written with the files ({@code TABLE at URL}, no credentials), or null. */
  @JsonProperty public String table;

  /** For readers: format, layout and counts. */
  @JsonProperty public Map<String, Object> details = new LinkedHashMap<>();

  public Publication() {}

  public Publication(String id, String slot, String runId) {
    this.id = id;
    this.slot = slot;
    this.runId = runId;
  }
}
