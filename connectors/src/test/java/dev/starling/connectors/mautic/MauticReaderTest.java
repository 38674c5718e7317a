package dev.starling.connectors.mautic;

import static dev.starling.connectors.ReadAll.millis;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.starling.connectors.Event;
import dev.starling.connectors.EventType;
import dev.starling.connectors.Format;
import dev.starling.connectors.ReadAll;
import dev.starling.connectors.Rejection;
import dev.starling.connectors.Subscriber;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MauticReaderTest {

  static final String CONTACTS = "contacts_export_2025_02_14_10_00_00.csv";

  static Event event(EventType type, String email, String at, String id) {
    return new Event(type, email, "7", millis(at), "mautic", id, null, null, null, null, null, null);
  }

  @Test
  void contactsExport() throws IOException {
    assertEquals(List.of(
        new Subscriber("jose@nunez.es", "José", "Núñez", "Ferretería Núñez, S.L.", "Spain", millis("2025-01-10T08:30:00Z"),
            List.of("vip", "feria"), null),
        new Subscriber("ana@acme.es", "Ana", null, "Acme", "Portugal", millis("2025-01-11T09:00:00Z"), List.of(), null),
        new Rejection(CONTACTS, 4, "column 'email' is empty", "14,,Sin,Correo,,,,,,0,,,,,,,2025-01-12 09:00:00,"),
        new Rejection(CONTACTS, 5,
            "column 'date_added' must be ISO-8601 (2025-01-15T15:00:03Z) or epoch seconds but was '12/01/2025'",
            "15,,Bad,Date,,,bad@date.es,,,0,,,,,,,12/01/2025,")),
        ReadAll.sample(Format.MAUTIC, "mautic/" + CONTACTS));
  }

  @Test
  void emailStatsGiveSendsAndFirstOpens() throws IOException {
    assertEquals(List.of(
        event(EventType.SEND, "jose@nunez.es", "2025-02-03T09:00:00Z", "send-501"),
        event(EventType.OPEN, "jose@nunez.es", "2025-02-03T09:14:02Z", "open-501"),
        event(EventType.SEND, "ana@acme.es", "2025-02-03T09:00:01Z", "send-502"),
        event(EventType.SEND, "luis@acme.es", "2025-02-03T09:00:02Z", "send-503"),
        new Rejection("email_stats.csv", 4, "column 'date_read' is empty but 'is_read' is 1 (the open needs its time)",
            "503,7,14,luis@acme.es,2,2025-02-03 09:00:02,1,0,0,,67a0b1c2d3e51,0,campaign.event,3,1,"),
        new Rejection("email_stats.csv", 5, "column 'email_address' is empty",
            "504,7,15,,2,2025-02-03 09:00:03,0,1,0,,67a0b1c2d3e52,0,campaign.event,3,0,")),
        ReadAll.sample(Format.MAUTIC, "mautic/email_stats.csv"));
  }

  @Test
  void detectsBothExports() {
    assertEquals(Optional.of(Format.MAUTIC), Format.detect(ReadAll.head("mautic/" + CONTACTS)));
    assertEquals(Optional.of(Format.MAUTIC), Format.detect(ReadAll.head("mautic/email_stats.csv")));
  }
}
