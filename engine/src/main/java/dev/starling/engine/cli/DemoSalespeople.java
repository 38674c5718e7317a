package dev.starling.engine.cli;

import dev.starling.engine.digest.DigestSettings;
import dev.starling.engine.digest.Language;
import dev.starling.engine.digest.Routing;
import dev.starling.engine.digest.Salesperson;
import dev.starling.engine.digest.Territory;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/** The three salespeople of {@code starling demo}: one Spanish-speaking, two English-speaking, split by country. */
final class DemoSalespeople {
  static final DigestSettings SETTINGS = new DigestSettings(Routing.of(List.of(
      new Routing.Seat(new Salesperson("Lucía Fernández", "lucia.fernandez@sales.example", Language.ES, ZoneId.of("Europe/Madrid")),
          new Territory(Set.of(), Set.of(), Set.of(), Set.of("ES", "MX", "AR", "CO", "CL", "PE"))),
      new Routing.Seat(new Salesperson("Oliver Bennett", "oliver.bennett@sales.example", Language.EN, ZoneId.of("Europe/London")),
          new Territory(Set.of(), Set.of(), Set.of(), Set.of("GB", "IE", "DE", "FR", "IT", "NL", "PT"))),
      new Routing.Seat(new Salesperson("Maya Patel", "maya.patel@sales.example", Language.EN, ZoneId.of("America/New_York")),
          Territory.NONE)),
      "maya.patel@sales.example"), DigestSettings.DEFAULT_CAP, "Starling <starling@sales.example>", "marketing@sales.example");

  private DemoSalespeople() {}
}
