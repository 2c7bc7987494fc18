package dev.churn.transforms.io;

/** A record-level problem: the record goes to the dead-letter output with this message. */
public final class BadRecordException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BadRecordException(String message) {
    super(message, null, false, false);
  }
}
