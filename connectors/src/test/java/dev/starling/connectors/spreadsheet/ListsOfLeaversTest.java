package dev.starling.connectors.spreadsheet;

import static dev.starling.connectors.ReadAll.millis;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.starling.connectors.BounceKind;
import dev.starling.connectors.Event;
import dev.starling.connectors.EventType;
import dev.starling.connectors.Format;
import dev.starling.connectors.ReadAll;
import dev.starling.connectors.Rejection;
import dev.starling.connectors.SmtpStatus;
import dev.starling.connectors.Subscriber;
import dev.starling.connectors.SubscriptionStatus;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Spanish Windows files from Excel, and lists of unsubscribes, bounces and complaints in Spanish and English. */
class ListsOfLeaversTest {

  @Test
  void windows1252ListWithSpanishHeaderWasNotDetected() throws IOException {
    assertEquals(Optional.of(Format.SPREADSHEET), Format.detect(ReadAll.head("spreadsheet/socios-windows-1252.csv")));
    assertEquals(List.of(
        new Subscriber("jose.nunez@ferreteria-levante.es", "José", "Núñez Ibáñez", "Ferretería Levante S.L.", "España",
            millis("2025-01-15T00:00:00Z"), List.of(), null),
        new Subscriber("maria@cerámica-manises.es", "María", "Peñalver", "Cerámica Manises", "España",
            millis("2025-02-03T00:00:00Z"), List.of(), null)),
        ReadAll.sample(Format.SPREADSHEET, "spreadsheet/socios-windows-1252.csv"));
  }

  @Test
  void spanishUnsubscribeListWasNotRecognisedAndNowYieldsDatedUnsubscribes() throws IOException {
    assertEquals(Optional.of(Format.SPREADSHEET), Format.detect(ReadAll.head("spreadsheet/bajas-windows-1252.csv")));
    assertEquals(List.of(
        new Event(EventType.UNSUBSCRIBE, "jose.nunez@ferreteria-levante.es", null, millis("2025-02-20T00:00:00Z"),
            "spreadsheet", null, null, null, null, null, null, "Ya no me interesa"),
        new Event(EventType.UNSUBSCRIBE, "ana.garcia@ferreteria-levante.es", null, millis("2025-02-21T00:00:00Z"),
            "spreadsheet", null, null, null, null, null, null, "Demasiados correos"),
        new Rejection("bajas-windows-1252.csv", 4, "column 'Fecha de baja' is empty (the date is required)",
            "sin-fecha@ferreteria-levante.es;Luis;;Baja por teléfono")),
        ReadAll.sample(Format.SPREADSHEET, "spreadsheet/bajas-windows-1252.csv"));
  }

  @Test
  void englishBounceListTakesItsTypeColumnElseTheRuleTable() throws IOException {
    assertEquals(List.of(
        new Event(EventType.BOUNCE, "old.address@example.org", null, millis("2025-02-18T09:30:00Z"), "spreadsheet", null,
            null, null, null, BounceKind.HARD, null, "550 5.1.1 user unknown", new SmtpStatus("5.1.1", 550), null),
        new Event(EventType.BOUNCE, "full.box@example.org", null, millis("2025-02-18T09:31:00Z"), "spreadsheet", null,
            null, null, null, BounceKind.SOFT, null, "552 5.2.2 Mailbox full", new SmtpStatus("5.2.2", 552), null),
        new Event(EventType.BOUNCE, "blocked@example.org", null, millis("2025-02-18T09:32:00Z"), "spreadsheet", null,
            null, null, null, BounceKind.BLOCK, null, "554 5.7.1 rejected by spam filter", new SmtpStatus("5.7.1", 554),
            null),
        new Event(EventType.BOUNCE, "gone@example.org", null, millis("2025-02-18T09:33:00Z"), "spreadsheet", null,
            null, null, null, BounceKind.HARD, null, null, null, null)),
        ReadAll.sample(Format.SPREADSHEET, "spreadsheet/bounced-addresses.csv"));
  }

  @Test
  void spanishComplaintList() throws IOException {
    assertEquals(List.of(new Event(EventType.COMPLAINT, "elena.mora@proveedor-correo.example", null,
        millis("2025-02-21T14:58:00Z"), "spreadsheet", null, null, null, null, null, null, "Marcado como spam")),
        ReadAll.sample(Format.SPREADSHEET, "spreadsheet/quejas.csv"));
  }

  @Test
  void aListOfLeaversSaysItHoldsEvents() throws IOException {
    try (var reader = Format.SPREADSHEET.open(ReadAll.resource("spreadsheet/quejas.csv"), "quejas.csv")) {
      reader.next();
      assertEquals("events", reader.contentKind());
    }
  }
}
