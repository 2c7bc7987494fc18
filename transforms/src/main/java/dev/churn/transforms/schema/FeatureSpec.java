package dev.churn.transforms.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.churn.transforms.schema.DatasetSchema.NumericColumn;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Which event features a model uses and over which windows before the cutoff. Part of the dataset
 * schema (the {@code features} block, optional: these defaults apply), stored with every model so that
 * scoring computes exactly the features training saw.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public final class FeatureSpec implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Interaction features: counts per window, per channel, and days since the last contact. */
  @JsonProperty public boolean interactions;

  /** Telemetry features: per window statistics of the customer's devices, silence, device count. */
  @JsonProperty public boolean telemetry;

  @JsonProperty("interaction_channels")
  public List<String> channels = new ArrayList<>(List.of("web", "call", "email", "social"));

  @JsonProperty("interaction_windows_days")
  public List<Integer> interactionWindowsDays = new ArrayList<>(List.of(7, 30, 90));

  @JsonProperty("telemetry_windows_hours")
  public List<Integer> telemetryWindowsHours = new ArrayList<>(List.of(24, 168));

  /** A reading whose temperature jumps more than this (°C) from both neighbours, the same way, is a glitch. */
  @JsonProperty("glitch_temp_jump")
  public double glitchTempJump = 5;

  /** The same for relative humidity (percentage points). */
  @JsonProperty("glitch_humidity_jump")
  public double glitchHumidityJump = 15;

  public boolean any() {
    return interactions || telemetry;
  }

  public double maxInteractionDays() {
    return interactionWindowsDays.stream().mapToInt(Integer::intValue).max().orElse(0);
  }

  public double maxTelemetryHours() {
    return telemetryWindowsHours.stream().mapToInt(Integer::intValue).max().orElse(0);
  }

  /** The feature columns, in the order {@link CustomerFeatures#compute} returns their values. */
  public List<NumericColumn> columns() {
    List<NumericColumn> columns = new ArrayList<>();
    if (interactions) {
      for (int days : interactionWindowsDays) {
        columns.add(column("interactions_" + days + "d", "contacts", true));
        for (String channel : channels) {
          columns.add(column(channel + "_" + days + "d", "contacts", true));
        }
      }
      columns.add(column("days_since_contact", "days", false));
    }
    if (telemetry) {
      columns.add(column("devices", "devices", false));
      columns.add(column("telemetry_silence_hours", "hours", true));
      for (int hours : telemetryWindowsHours) {
        for (String measure : List.of("temp", "humidity")) {
          String unit = measure.equals("temp") ? "°C" : "%";
          for (String statistic : List.of("mean", "min", "max", "spread")) {
            NumericColumn c = column(measure + "_" + statistic + "_" + hours + "h", unit, false);
            c.min = null;
            columns.add(c);
          }
        }
        columns.add(column("readings_per_hour_" + hours + "h", "per hour", true));
        columns.add(column("glitches_" + hours + "h", "readings", true));
      }
    }
    return columns;
  }

  private static NumericColumn column(String name, String unit, boolean log) {
    NumericColumn c = new NumericColumn();
    c.name = name;
    c.unit = unit;
    c.min = 0.0;
    c.log = log;
    return c;
  }

  /** Checks the spec; returns problems in words (empty when fine). */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (interactionWindowsDays.isEmpty() || interactionWindowsDays.stream().anyMatch(d -> d == null || d <= 0)) {
      problems.add("features.interaction_windows_days needs one or more positive numbers of days");
    }
    if (telemetryWindowsHours.isEmpty() || telemetryWindowsHours.stream().anyMatch(h -> h == null || h <= 0)) {
      problems.add("features.telemetry_windows_hours needs one or more positive numbers of hours");
    }
    for (String channel : channels) {
      if (channel == null || !channel.matches("[a-z][a-z0-9_]*")) {
        problems.add("features.interaction_channels: '" + channel + "' is not a lower-case name");
      }
    }
    return problems;
  }
}
