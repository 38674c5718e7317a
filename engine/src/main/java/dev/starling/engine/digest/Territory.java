package dev.starling.engine.digest;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one salesperson is assigned, each set normalised once: accounts, companies and domains lower-case,
 * countries upper-case.
 *
 * @param accounts account keys as Starling names them (the company, else the business domain)
 * @param companies the subscriber's company field, compared case-insensitively
 * @param domains email domains; {@code acme.example} also covers {@code eu.acme.example}
 * @param countries the subscriber's country as the list gives it (ISO codes: ES, MX)
 */
public record Territory(Set<String> accounts, Set<String> companies, Set<String> domains, Set<String> countries) {
  public static final Territory NONE = new Territory(Set.of(), Set.of(), Set.of(), Set.of());

  public Territory {
    accounts = norm(accounts, false);
    companies = norm(companies, false);
    domains = norm(domains, false);
    countries = norm(countries, true);
  }

  public boolean isEmpty() {
    return accounts.isEmpty() && companies.isEmpty() && domains.isEmpty() && countries.isEmpty();
  }

  private static Set<String> norm(Set<String> values, boolean upper) {
    return values.stream()
        .map(String::strip)
        .filter(v -> !v.isEmpty())
        .map(v -> upper ? v.toUpperCase(Locale.ROOT) : v.toLowerCase(Locale.ROOT))
        .collect(Collectors.toUnmodifiableSet());
  }
}
