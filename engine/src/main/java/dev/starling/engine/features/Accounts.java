package dev.starling.engine.features;

import java.util.List;
import java.util.Locale;

/**
 * Which account (company) a subscriber belongs to: the company field when the list has one, else the
 * email's domain unless it is a free-mail or ISP domain (the list ships as data:
 * {@code freemail-domains.txt}). Free-mail addresses without a company form no account.
 */
public final class Accounts {
  private static final List<String> FREE_MAIL = ClickClassifier.load("/dev/starling/engine/features/freemail-domains.txt");

  private Accounts() {}

  /** The account key, or {@code null} when the person belongs to none. */
  public static String keyOf(String company, String domain) {
    if (company != null && !company.isBlank()) {
      return company.strip().toLowerCase(Locale.ROOT);
    }
    return domain == null || isFreeMail(domain) ? null : domain.toLowerCase(Locale.ROOT);
  }

  public static boolean isFreeMail(String domain) {
    String d = domain.toLowerCase(Locale.ROOT);
    for (String f : FREE_MAIL) {
      if (f.endsWith(".") ? d.startsWith(f) : d.equals(f)) {
        return true;
      }
    }
    return false;
  }
}
