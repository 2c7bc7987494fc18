package dev.churn.transforms;

/**
 * Bad usage, configuration or input that the user must fix: the command line reports the message as
 * one line and exits with status 2, having written nothing.
 */
public class InvalidInputException extends RuntimeException {
  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
