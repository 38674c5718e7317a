package dev.starling.engine.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoutingTest {
  static final Salesperson ANA = person("ana");
  static final Salesperson BO = person("bo");
  static final Salesperson CY = person("cy");
  static final Salesperson DI = person("di");
  static final Salesperson ED = person("ed");

  static Salesperson person(String n) {
    return new Salesperson(n, n + "@sales.example", Language.EN, ZoneId.of("UTC"));
  }

  /** Every level claims something that overlaps the next one down, so each row shows which wins. */
  static final Routing ROUTING = Routing.of(List.of(
      new Routing.Seat(ANA, new Territory(Set.of("Globex Labs"), Set.of(), Set.of(), Set.of())),
      new Routing.Seat(BO, new Territory(Set.of(), Set.of("globex labs", "Initech"), Set.of(), Set.of())),
      new Routing.Seat(CY, new Territory(Set.of(), Set.of(), Set.of("globex.example", "eu.initech.example"), Set.of())),
      new Routing.Seat(DI, new Territory(Set.of(), Set.of(), Set.of("initech.example"), Set.of("es", "MX"))),
      new Routing.Seat(ED, Territory.NONE)), "ed@sales.example");

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "-", value = {
    // account, company, domain, country | recipient, by
    "globex labs | Globex Labs  | globex.example     | ES | ana | ACCOUNT",
    "-           | GLOBEX LABS  | globex.example     | ES | bo  | COMPANY",
    "initech     | Initech      | initech.example    | ES | bo  | COMPANY",
    "-           | -            | sub.globex.example | ES | cy  | DOMAIN",
    "-           | -            | eu.initech.example | -  | cy  | DOMAIN",
    "-           | -            | us.initech.example | -  | di  | DOMAIN",
    "-           | -            | gmail.com          | es | di  | COUNTRY",
    "-           | -            | gmail.com          | US | ed  | DEFAULT",
    "-           | -            | -                  | -  | ed  | DEFAULT",
  })
  void theMostSpecificAssignmentWinsElseTheDefault(String account, String company, String domain, String country,
      String who, Routing.By by) {
    Routing.Assignment a = ROUTING.route(new Routing.Target(account, company, domain, country)).orElseThrow();
    assertEquals(who + "@sales.example " + by, a.person().email() + " " + a.by());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "ES | true",
    "US | false",
  })
  void withoutADefaultRecipientAnUnassignedSuggestionGoesNowhere(String country, boolean routed) {
    Routing r = Routing.of(List.of(new Routing.Seat(ANA, new Territory(Set.of(), Set.of(), Set.of(), Set.of("ES")))), null);
    assertEquals(routed, r.route(new Routing.Target(null, null, "gmail.com", country)).isPresent());
  }
}
