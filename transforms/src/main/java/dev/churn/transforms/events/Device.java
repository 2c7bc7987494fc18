package dev.churn.transforms.events;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/** A device registry entry: which customer a device belongs to, from when (epoch seconds). */
public final class Device implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final List<String> REQUIRED_COLUMNS = List.of("device_id", "customer_id", "installed_at");

  public final String deviceId;
  public final String customerId;
  public final double installedAt;

  public Device(String deviceId, String customerId, double installedAt) {
    this.deviceId = deviceId;
    this.customerId = customerId;
    this.installedAt = installedAt;
  }

  /**
   * Parses one device-registry record (a CSV line under {@code csvHeader}, or a JSON object).
   *
   * @throws dev.churn.transforms.io.BadRecordException naming what is wrong
   */
  public static Device parse(String text, List<String> csvHeader) {
    return parse(RecordFields.parse(text, csvHeader));
  }

  static Device parse(RecordFields fields) {
    return new Device(fields.text("device_id"), fields.text("customer_id"), fields.epochSeconds("installed_at"));
  }

  /**
   * The customer a device belonged to at time {@code ts}: the latest installation at or before it
   * (a device can move to another customer), or null when it was not installed yet.
   */
  public static Device ownerAt(Iterable<Device> installations, double ts) {
    Device owner = null;
    for (Device d : installations) {
      if (d.installedAt <= ts
          && (owner == null
              || d.installedAt > owner.installedAt
              || (d.installedAt == owner.installedAt && d.customerId.compareTo(owner.customerId) < 0))) {
        owner = d;
      }
    }
    return owner;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Device
        && ((Device) o).deviceId.equals(deviceId)
        && ((Device) o).customerId.equals(customerId)
        && ((Device) o).installedAt == installedAt;
  }

  @Override
  public int hashCode() {
    return Objects.hash(deviceId, customerId, installedAt);
  }
}
