package dev.starling.engine.config;

import dev.starling.engine.error.StarlingException;

/** The configuration file is malformed: the message names the file, line, key and what was expected. */
public final class ConfigException extends StarlingException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
