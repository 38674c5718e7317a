package dev.starling.engine.digest;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code smtp:} section of starling.yaml. The password is never part of it: it is read from the
 * environment variable {@code passwordEnv} when sending, and never written anywhere.
 *
 * @param user the login, or {@code null} for a relay that needs none
 */
public record SmtpSettings(String host, int port, Security security, String user, String passwordEnv) {
  public static final String DEFAULT_PASSWORD_ENV = "STARLING_SMTP_PASSWORD";

  /** How the connection is protected. */
  public enum Security {
    /** Plain connect, then STARTTLS, required (port 587). */
    STARTTLS,
    /** TLS from the first byte (port 465). */
    TLS,
    /** No encryption: only for a relay on the same host or network (and for tests). */
    PLAIN;

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Security> fromKey(String key) {
      for (Security s : values()) {
        if (s.key().equalsIgnoreCase(key.strip())) {
          return Optional.of(s);
        }
      }
      return Optional.empty();
    }

    public int defaultPort() {
      return switch (this) {
        case STARTTLS -> 587;
        case TLS -> 465;
        case PLAIN -> 25;
      };
    }
  }

  public SmtpSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(security, "security");
    Objects.requireNonNull(passwordEnv, "passwordEnv");
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port must be 1..65535 but was " + port);
    }
  }
}
