package dev.churn.models.registry;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which registered version serves each segment: one version for all (an explicit
 * {@code --model-version}) or each segment's champion, with the champion of {@link Aliases#ALL} for
 * segments that have none of their own.
 */
public final class ModelChoice implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String defaultVersion;
  private final TreeMap<String, String> bySegment;

  private ModelChoice(String defaultVersion, Map<String, String> bySegment) {
    this.defaultVersion = defaultVersion;
    this.bySegment = new TreeMap<>(bySegment);
  }

  /** Every segment served by {@code version}. */
  public static ModelChoice of(String version) {
    return new ModelChoice(version, Map.of());
  }

  /** Each segment served by its champion; {@code defaultVersion} (may be null) serves the others. */
  public static ModelChoice of(String defaultVersion, Map<String, String> bySegment) {
    return new ModelChoice(defaultVersion, bySegment);
  }

  /** The version serving a segment, or null when none does. */
  public String versionFor(String segment) {
    return bySegment.getOrDefault(segment, defaultVersion);
  }

  public String defaultVersion() {
    return defaultVersion;
  }

  /** Every version involved, sorted. */
  public TreeSet<String> versions() {
    TreeSet<String> versions = new TreeSet<>(bySegment.values());
    if (defaultVersion != null) {
      versions.add(defaultVersion);
    }
    return versions;
  }

  /** {@code v0003} or {@code v0003 (Month-to-month: v0004)}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(defaultVersion == null ? "no default version" : defaultVersion);
    Map<String, String> exceptions = new TreeMap<>(bySegment);
    exceptions.values().removeIf(v -> v.equals(defaultVersion));
    if (!exceptions.isEmpty()) {
      text.append(" (");
      exceptions.forEach((segment, version) -> text.append(segment).append(": ").append(version).append(", "));
      text.setLength(text.length() - 2);
      text.append(')');
    }
    return text.toString();
  }
}
