package dev.starling.connectors.spreadsheet;

import static dev.starling.connectors.ReadAll.millis;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.starling.connectors.Format;
import dev.starling.connectors.ReadAll;
import dev.starling.connectors.ReadResult;
import dev.starling.connectors.Rejection;
import dev.starling.connectors.Subscriber;
import dev.starling.connectors.SubscriptionStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpreadsheetReaderTest {

  @Test
  void spanishSemicolonCsvWithBomTitleRowBlankAndTotalsRows() throws IOException {
    List<ReadResult> got = ReadAll.sample(Format.SPREADSHEET, "spreadsheet/socios-bom.csv");
    assertEquals(List.of(
        new Subscriber("jose.nunez@example.es", "José", "Núñez", "Ferretería Núñez S.L.", "España",
            millis("2025-02-14T00:00:00Z"), List.of("vip", "feria-2025"), SubscriptionStatus.SUBSCRIBED),
        new Rejection("socios-bom.csv", 5,
            "column 'Correo electrónico' must look like name@example.com but was 'maria.lopez@'",
            "maria.lopez@;María;López;;España;15/02/2025;;"),
        new Subscriber("ana@acme.es", "Ana", "Pérez\nGarcía", "Acme; Ibérica", "España",
            millis("2025-03-01T00:00:00Z"), List.of(), SubscriptionStatus.UNSUBSCRIBED),
        new Rejection("socios-bom.csv", 9,
            "column 'Fecha de alta' must be a date as dd/mm/yyyy, ISO-8601 or an Excel serial number but was '31/02/2025'",
            "luis@acme.es;Luis;Gómez;Acme;Portugal;31/02/2025;;"),
        new Rejection("socios-bom.csv", 10,
            "column 'Correo electrónico' is empty (an email is required)", ";Pedro;Sin Correo;;;;;")),
        got);
  }

  @Test
  void windows1252BytesAreDecoded() throws IOException {
    List<ReadResult> got = ReadAll.sample(Format.SPREADSHEET, "spreadsheet/windows-1252.csv");
    assertEquals(List.of(
        new Subscriber("jose@nunez.es", "José", "Núñez", null, "España", null, List.of(), null),
        new Subscriber("carmen@ibañez.com", "Carmen", "Ibáñez", null, "España", null, List.of(), null),
        new Subscriber("zoe@example.com", "Zoë", "Müller", null, "Österreich", null, List.of(), null)),
        got);
  }

  @Test
  void windows1252AfterManyAsciiRowsSwitchesMidStream() throws IOException {
    StringBuilder ascii = new StringBuilder("Email;Nombre\r\n");
    for (int i = 0; i < 20_000; i++) {
      ascii.append("p").append(i).append("@example.com;Pat\r\n");
    }
    byte[] head = ascii.toString().getBytes(StandardCharsets.US_ASCII);
    byte[] tail = "jose@nunez.es;José\r\n".getBytes(java.nio.charset.Charset.forName("windows-1252"));
    byte[] all = new byte[head.length + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    List<ReadResult> got = ReadAll.of(SpreadsheetReader.open(new ByteArrayInputStream(all), "big.csv"));
    assertEquals(20_001, got.size());
    assertEquals(new Subscriber("jose@nunez.es", "José", null, null, null, null, List.of(), null), got.get(20_000));
  }

  @Test
  void englishCommaCsvWithQuotedHeadersSerialDatesAndBadStatus() throws IOException {
    List<ReadResult> got = ReadAll.sample(Format.SPREADSHEET, "spreadsheet/english-comma.csv");
    assertEquals(List.of(
        new Subscriber("alice@example.com", "Alice", "Smith", "Smith, Jones & Co", "United Kingdom",
            millis("2025-01-15T09:30:00Z"), List.of("news", "offers"), SubscriptionStatus.SUBSCRIBED),
        new Subscriber("bob@example.com", "Bob", "O'Brien", null, "Ireland",
            millis("2025-02-14T00:00:00Z"), List.of(), SubscriptionStatus.UNSUBSCRIBED),
        new Rejection("english-comma.csv", 4,
            "column 'Status' must be one of subscribed, unsubscribed, cleaned, pending but was 'dormant'",
            "carol@example.com,Carol,,,,,,dormant")),
        got);
  }

  @Test
  void tabSeparatedWithFullNameColumn() throws IOException {
    List<ReadResult> got = ReadAll.sample(Format.SPREADSHEET, "spreadsheet/tab-separated.tsv");
    assertEquals(List.of(
        new Subscriber("jose@nunez.es", "José", "Núñez García", "Núñez S.L.", null, null, List.of(), null),
        new Subscriber("solo@example.org", "Solo", null, null, null, null, List.of(), null)),
        got);
  }

  @Test
  void noEmailColumnIsOneRejectionNamingTheColumnsFound() throws IOException {
    List<ReadResult> got = ReadAll.sample(Format.SPREADSHEET, "spreadsheet/no-email-column.csv");
    assertEquals(List.of(new Rejection("no-email-column.csv", 1,
        "no email column in the first 20 rows: the header must have a column named one of "
            + SubscriberColumns.emailHeaderNames()
            + " but the columns found were 'Nombre', 'Teléfono', 'Ciudad'",
        "Nombre;Teléfono;Ciudad")), got);
  }

  @Test
  void emptyFileIsOneRejection() throws IOException {
    assertEquals(List.of(new Rejection("empty.csv", 0, "file is empty (a header row with an email column is required)", "")),
        ReadAll.of(SpreadsheetReader.open(new ByteArrayInputStream(new byte[0]), "empty.csv")));
  }

  @Test
  void headerSynonymsIgnoreCaseAccentsAndPunctuation() {
    assertEquals(true, SubscriberColumns.isEmailHeader("CORREO ELECTRONICO"));
    assertEquals(true, SubscriberColumns.isEmailHeader(" e_mail "));
    assertEquals(true, SubscriberColumns.isEmailHeader("Dirección de correo electrónico"));
    assertEquals(false, SubscriberColumns.isEmailHeader("Acepta correo comercial"));
    var cols = SubscriberColumns.match(List.of("OPTIN_TIME", "Organización", "E-Mail", "Apellido", "pais")).orElseThrow();
    assertEquals(List.of(2, 3, 1, 4, 0), List.of(
        cols.index(SubscriberColumns.Field.EMAIL), cols.index(SubscriberColumns.Field.LAST_NAME),
        cols.index(SubscriberColumns.Field.COMPANY), cols.index(SubscriberColumns.Field.COUNTRY),
        cols.index(SubscriberColumns.Field.CREATED)));
  }

  @Test
  void dayFirstAndSerialDates() {
    assertEquals(millis("2025-03-02T00:00:00Z"), SheetDates.parseMillis("02/03/2025"));
    assertEquals(millis("2025-03-02T09:30:00Z"), SheetDates.parseMillis("2-3-2025 09:30"));
    assertEquals(millis("2025-02-14T12:00:00Z"), SheetDates.parseMillis("45702.5"));
    assertEquals(millis("1900-01-01T00:00:00Z"), SheetDates.parseMillis("1"));
    assertEquals(millis("2025-01-15T15:00:03Z"), SheetDates.parseMillis("2025-01-15T15:00:03Z"));
  }
}
