package dev.starling.connectors;

import java.util.List;
import java.util.Locale;

/**
 * One subscriber as a list export describes them. The email is trimmed, lower-cased and checked here,
 * once; blank text fields become {@code null}.
 *
 * @param createdAtMillis when the person joined the list (UTC epoch ms), or {@code null} if unknown
 * @param status the list status when the export says one, else {@code null}
 */
public record Subscriber(
    String email,
    String firstName,
    String lastName,
    String company,
    String country,
    Long createdAtMillis,
    List<String> tags,
    SubscriptionStatus status)
    implements Fact {

  public Subscriber {
    email = normalizeEmail(email);
    firstName = blankToNull(firstName);
    lastName = blankToNull(lastName);
    company = blankToNull(company);
    country = blankToNull(country);
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  /** The part after the {@code @}: the basis of accounts for business domains. */
  public String domain() {
    return email.substring(email.lastIndexOf('@') + 1);
  }

  /**
   * Trims and lower-cases an address and checks its shape (one {@code @}, a local part, a dotted
   * domain, no spaces, at most 254 characters).
   *
   * @throws IllegalArgumentException naming the value and what was expected
   */
  public static String normalizeEmail(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new IllegalArgumentException("email is missing");
    }
    String email = raw.strip().toLowerCase(Locale.ROOT);
    if (email.startsWith("<") && email.endsWith(">")) {
      email = email.substring(1, email.length() - 1).strip();
    }
    int at = email.lastIndexOf('@');
    boolean ok = email.length() <= 254
        && at > 0
        && at == email.indexOf('@')
        && at < email.length() - 3
        && email.indexOf('.', at) > at + 1
        && email.lastIndexOf('.') < email.length() - 2
        && hasNoForbiddenChar(email);
    if (!ok) {
      throw new IllegalArgumentException("email must look like name@example.com but was '" + raw + "'");
    }
    return email;
  }

  private static boolean hasNoForbiddenChar(String email) {
    for (int i = 0; i < email.length(); i++) {
      char c = email.charAt(i);
      if (c <= ' ' || c == ',' || c == ';' || c == '<' || c == '>' || c == '"') {
        return false;
      }
    }
    return true;
  }

  static String blankToNull(String s) {
    if (s == null) {
      return null;
    }
    String t = s.strip();
    return t.isEmpty() ? null : t;
  }
}
