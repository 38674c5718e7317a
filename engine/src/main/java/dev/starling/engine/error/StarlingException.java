package dev.starling.engine.error;

/**
 * The root of the errors a user can cause or must act on (bad files, a bad configuration, a store that
 * cannot be opened). The CLI prints their message as one line; anything else is a bug and shows a
 * stack trace with {@code --verbose}.
 */
public class StarlingException extends RuntimeException {
  public StarlingException(String message) {
    super(message);
  }

  public StarlingException(String message, Throwable cause) {
    super(message, cause);
  }
}
