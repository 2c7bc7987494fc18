package dev.churn.models.registry;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code aliases.json}: per segment, the {@code champion} version that scores it, the
 * {@code challenger} trained last, and the champions before the current one (for rollback). The
 * segment {@link #ALL} stands for every segment without aliases of its own.
 */
public final class Aliases {
  public static final String ALL = "*";

  /** The aliases of one segment. */
  public static final class Segment {
    @JsonProperty public String champion;
    @JsonProperty public String challenger;
    /** Earlier champions, oldest first. */
    @JsonProperty public List<String> previousChampions = new ArrayList<>();
  }

  @JsonProperty public Map<String, Segment> segments = new TreeMap<>();

  public Segment segment(String name) {
    return segments.computeIfAbsent(name, s -> new Segment());
  }

  public String champion(String segment) {
    Segment aliases = segments.get(segment);
    return aliases == null ? null : aliases.champion;
  }

  public String challenger(String segment) {
    Segment aliases = segments.get(segment);
    return aliases == null ? null : aliases.challenger;
  }

  /**
   * Makes {@code version} the champion of a segment, remembering the one it replaces; it is no longer
   * that segment's challenger.
   */
  public void promote(String segment, String version) {
    Segment aliases = segment(segment);
    if (aliases.champion != null && !aliases.champion.equals(version)) {
      aliases.previousChampions.add(aliases.champion);
    }
    aliases.champion = version;
    if (version.equals(aliases.challenger)) {
      aliases.challenger = null;
    }
  }

  /** Makes the previous champion of a segment champion again; returns it, or null when there is none. */
  public String rollBack(String segment) {
    Segment aliases = segments.get(segment);
    if (aliases == null || aliases.previousChampions.isEmpty()) {
      return null;
    }
    aliases.champion = aliases.previousChampions.remove(aliases.previousChampions.size() - 1);
    return aliases.champion;
  }

  /** The champions as a {@link ModelChoice}; null when no segment has one. */
  public ModelChoice champions() {
    Map<String, String> bySegment = new TreeMap<>();
    segments.forEach(
        (segment, aliases) -> {
          if (!ALL.equals(segment) && aliases.champion != null) {
            bySegment.put(segment, aliases.champion);
          }
        });
    String all = champion(ALL);
    return all == null && bySegment.isEmpty() ? null : ModelChoice.of(all, bySegment);
  }
}
