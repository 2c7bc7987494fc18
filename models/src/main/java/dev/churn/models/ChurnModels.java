package dev.churn.models;

import dev.churn.models.train.Dl4jNetwork;

/**
 * Reads a model file back into a {@link ChurnModel}, whatever family wrote it: the one place where a
 * second family (tree ensembles) will be told apart by its file's first bytes. Today every model file is
 * a DL4J network with its calibration.
 */
public final class ChurnModels {
  private ChurnModels() {}

  public static ChurnModel read(byte[] bytes) {
    return Dl4jNetwork.fromBytes(bytes);
  }
}
