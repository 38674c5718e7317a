package dev.starling.engine.digest;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who receives which suggestion. Every suggestion reaches exactly one salesperson: the first level of
 * {@link By} that names the suggestion's account, company, domain or country wins, else the default
 * recipient. The most specific assignment wins because it is the most deliberate: a named key account
 * beats its domain, a domain beats a whole country. Two salespeople may not claim the same value at the
 * same level (rejected when the configuration is read), so the outcome never depends on their order.
 *
 * <pre>{@code
 * Routing r = Routing.of(List.of(new Seat(ana, new Territory(Set.of(), Set.of(), Set.of(), Set.of("ES")))), "bob@example.com");
 * r.route(new Target("acme", "Acme", "acme.example", "ES")).person(); // ana
 * }</pre>
 */
public final class Routing {
  /** The assignment levels, most specific first: the order in which they are tried. */
  public enum By { ACCOUNT, COMPANY, DOMAIN, COUNTRY, DEFAULT }

  /** One salesperson and what they are assigned. */
  public record Seat(Salesperson person, Territory territory) {
    public Seat {
      Objects.requireNonNull(person, "person");
      Objects.requireNonNull(territory, "territory");
    }
  }

  /**
   * What a suggestion is routed by; any part may be {@code null}.
   *
   * @param account the account key (company lower-cased, else business domain)
   */
  public record Target(String account, String company, String domain, String country) {
    public Target {
      account = lower(account);
      company = lower(company);
      domain = lower(domain);
      country = country == null || country.isBlank() ? null : country.strip().toUpperCase(Locale.ROOT);
    }

    private static String lower(String s) {
      return s == null || s.isBlank() ? null : s.strip().toLowerCase(Locale.ROOT);
    }
  }

  /** Where a suggestion went, and by which assignment (shown in the summary and the attachment). */
  public record Assignment(Salesperson person, By by) {}

  private final List<Salesperson> people;
  private final Salesperson fallback;
  private final Map<String, Salesperson> accounts = new HashMap<>();
  private final Map<String, Salesperson> companies = new HashMap<>();
  private final Map<String, Salesperson> domains = new HashMap<>();
  private final Map<String, Salesperson> countries = new HashMap<>();

  private Routing(List<Seat> seats, Salesperson fallback) {
    this.people = seats.stream().map(Seat::person).toList();
    this.fallback = fallback;
    for (Seat s : seats) {
      claim(accounts, s.territory().accounts(), s.person(), "account");
      claim(companies, s.territory().companies(), s.person(), "company");
      claim(domains, s.territory().domains(), s.person(), "domain");
      claim(countries, s.territory().countries(), s.person(), "country");
    }
  }

  /**
   * Checks and builds a routing.
   *
   * @param defaultEmail the email of one of the seats, or {@code null} for none
   * @throws IllegalArgumentException when two people share an email, a value is claimed twice at one level,
   *     the default is not one of the people, or the routing would deliver nothing to someone
   */
  public static Routing of(List<Seat> seats, String defaultEmail) {
    if (seats.isEmpty()) {
      throw new IllegalArgumentException("no salespeople: the digest has no one to go to");
    }
    Map<String, Salesperson> byEmail = new HashMap<>();
    for (Seat s : seats) {
      if (byEmail.put(s.person().email(), s.person()) != null) {
        throw new IllegalArgumentException("two salespeople have the email " + s.person().email());
      }
    }
    Salesperson fallback = null;
    if (defaultEmail != null) {
      fallback = byEmail.get(defaultEmail.strip().toLowerCase(Locale.ROOT));
      if (fallback == null) {
        throw new IllegalArgumentException("the default recipient must be the email of one of the salespeople ("
            + String.join(", ", byEmail.keySet().stream().sorted().toList()) + ") but was '" + defaultEmail + "'");
      }
    }
    for (Seat s : seats) {
      if (s.territory().isEmpty() && s.person() != fallback) {
        throw new IllegalArgumentException("routes nothing to " + s.person().email()
            + ": give them accounts, companies, domains or countries, or make them the default recipient");
      }
    }
    return new Routing(List.copyOf(seats), fallback);
  }

  private static void claim(Map<String, Salesperson> level, Iterable<String> values, Salesperson p, String what) {
    for (String v : values) {
      Salesperson before = level.putIfAbsent(v, p);
      if (before != null) {
        throw new IllegalArgumentException(what + " '" + v + "' is assigned to both " + before.email() + " and " + p.email()
            + ": each suggestion must reach exactly one salesperson");
      }
    }
  }

  /** Every salesperson, in the configuration's order. */
  public List<Salesperson> people() {
    return people;
  }

  public Optional<Salesperson> defaultRecipient() {
    return Optional.ofNullable(fallback);
  }

  /** The salesperson for {@code t}, or empty when nothing matches and there is no default recipient. */
  public Optional<Assignment> route(Target t) {
    Salesperson p;
    if (t.account() != null && (p = accounts.get(t.account())) != null) {
      return Optional.of(new Assignment(p, By.ACCOUNT));
    }
    if (t.company() != null && (p = companies.get(t.company())) != null) {
      return Optional.of(new Assignment(p, By.COMPANY));
    }
    if (t.domain() != null && (p = longestSuffix(t.domain(), domains::get)) != null) {
      return Optional.of(new Assignment(p, By.DOMAIN));
    }
    if (t.country() != null && (p = countries.get(t.country())) != null) {
      return Optional.of(new Assignment(p, By.COUNTRY));
    }
    return fallback == null ? Optional.empty() : Optional.of(new Assignment(fallback, By.DEFAULT));
  }

  /** {@code eu.acme.example}, then {@code acme.example}, then {@code example}: the most specific domain assigned. */
  private static Salesperson longestSuffix(String domain, Function<String, Salesperson> lookup) {
    String d = domain;
    while (true) {
      Salesperson p = lookup.apply(d);
      if (p != null) {
        return p;
      }
      int dot = d.indexOf('.');
      if (dot < 0) {
        return null;
      }
      d = d.substring(dot + 1);
    }
  }

  /** The salesperson with this email, if any. */
  public Optional<Salesperson> person(String email) {
    String e = email.strip().toLowerCase(Locale.ROOT);
    return people.stream().filter(p -> p.email().equals(e)).findFirst();
  }
}
