package dev.starling.engine.digest;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;

/**
 * One recipient of the digest.
 *
 * @param name shown in the greeting and the To: header; control characters (CR/LF header injection) are
 *     replaced by spaces here, once
 * @param email lower-cased and trimmed
 * @param zone dates and times in their digest are shown in this zone
 */
public record Salesperson(String name, String email, Language language, ZoneId zone) {
  public Salesperson {
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(zone, "zone");
    name = MailText.singleLine(Objects.requireNonNull(name, "name"));
    email = Objects.requireNonNull(email, "email").strip().toLowerCase(Locale.ROOT);
    if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
      throw new IllegalArgumentException("email must be an address like ana@example.com but was '" + email + "'");
    }
  }
}
