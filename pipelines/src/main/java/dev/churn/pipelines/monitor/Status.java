package dev.churn.pipelines.monitor;

/** The verdict of a check and of a whole run, from best to worst. */
public enum Status {
  /** Nothing to do. */
  OK,
  /** Someone should look: the data or the model moved, not yet enough to retrain. */
  WARN,
  /** The model no longer fits the data it scores: train a challenger. */
  RETRAIN;

  public Status worst(Status other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
