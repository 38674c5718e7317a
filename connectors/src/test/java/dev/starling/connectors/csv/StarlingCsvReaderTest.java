package dev.starling.connectors.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.starling.connectors.BounceKind;
import dev.starling.connectors.Campaign;
import dev.starling.connectors.Event;
import dev.starling.connectors.EventType;
import dev.starling.connectors.FactReader;
import dev.starling.connectors.Format;
import dev.starling.connectors.ReadResult;
import dev.starling.connectors.Rejection;
import dev.starling.connectors.Subscriber;
import dev.starling.connectors.SubscriptionStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StarlingCsvReaderTest {
  private static final long T = 1767690000000L; // 2026-01-06T09:00:00Z

  static List<ReadResult> read(String text) throws IOException {
    return read(text.getBytes(StandardCharsets.UTF_8));
  }

  static List<ReadResult> read(byte[] bytes) throws IOException {
    List<ReadResult> out = new ArrayList<>();
    try (FactReader r = Format.STARLING_CSV.open(new ByteArrayInputStream(bytes), "f.csv")) {
      ReadResult x;
      while ((x = r.next()) != null) {
        out.add(x);
      }
    }
    return out;
  }

  /** Found by ReadersFuzzTest#starlingCsv: Campaign's NullPointerException escaped the reader. */
  @Test
  void campaignRowWithoutIdThrewNullPointerExceptionAndIsNowARejection() throws IOException {
    assertEquals(List.of(new Rejection("f.csv", 2, "column 'campaign_id' is empty (a campaign needs an id)", ",Boletín,Hola,2025-01-14T09:00:00Z")),
        read("campaign_id,name,subject,sent_at\n,Boletín,Hola,2025-01-14T09:00:00Z\n"));
  }

  @Test
  void readsSubscribersWithBomQuotedNewlinesAndUnicode() throws IOException {
    String csv = "\uFEFFemail,first_name,last_name,company,country,created_at,tags,status\n"
        + "José.Núñez@Example.es,José,Núñez,\"Aceros, S.A.\",ES,2025-03-01T10:00:00Z,customer|trial,subscribed\n"
        + "anna@firma.de,Anna,\"Mül\nler\",,DE,,,\n";
    assertEquals(List.of(
        new Subscriber("josé.núñez@example.es", "José", "Núñez", "Aceros, S.A.", "ES", 1740823200000L,
            List.of("customer", "trial"), SubscriptionStatus.SUBSCRIBED),
        new Subscriber("anna@firma.de", "Anna", "Mül\nler", null, "DE", null, List.of(), null)),
        read(csv));
  }

  @Test
  void readsCampaignsAndEventsInAnyColumnOrder() throws IOException {
    assertEquals(List.of(new Campaign("nl-001", "Newsletter 1", "Hello", T, "news")),
        read("name,campaign_id,subject,sent_at,list\nNewsletter 1,nl-001,Hello,2026-01-06T09:00:00Z,news\n"));
    String events = "at,type,email,campaign_id,user_agent,ip,url,bounce_type,machine,event_id\n"
        + "2026-01-06T09:00:00Z,open,A@x.com,nl-001,Mozilla/5.0,17.1.2.3,,,true,ev-1\n"
        + "2026-01-06T09:00:00Z,bounce,b@x.com,nl-001,,,,soft,,\n"
        + "2026-01-06T09:00:00Z,click,c@x.com,nl-001,UA,1.2.3.4,https://x.com/pricing,,,\n";
    assertEquals(List.of(
        new Event(EventType.OPEN, "a@x.com", "nl-001", T, "starling", "ev-1", "Mozilla/5.0", "17.1.2.3", null, null, true, null),
        new Event(EventType.BOUNCE, "b@x.com", "nl-001", T, "starling", null, null, null, null, BounceKind.SOFT, null, null),
        new Event(EventType.CLICK, "c@x.com", "nl-001", T, "starling", null, "UA", "1.2.3.4", "https://x.com/pricing", null, null, null)),
        read(events));
  }

  @Test
  void badRowsAreRejectionsWithLineAndReasonAndGoodRowsStillCome() throws IOException {
    String csv = "type,email,campaign_id,at\n"
        + "open,a@x.com,nl-1,2026-01-06T09:00:00Z\n"
        + "open,not-an-email,nl-1,2026-01-06T09:00:00Z\n"
        + "open,b@x.com,nl-1,31/02/2025\n"
        + "opened,c@x.com,nl-1,2026-01-06T09:00:00Z\n"
        + "open,d@x.com,nl-1\n"
        + "bounce,e@x.com,nl-1,2026-01-06T09:00:00Z\n"
        + "open,f@x.com,,2026-01-06T09:00:00Z\n"
        + "open,,nl-1,2026-01-06T09:00:00Z\n"
        + "click,g@x.com,nl-1,2026-01-06T09:00:00Z\n";
    assertEquals(List.of(
        Event.of(EventType.OPEN, "a@x.com", "nl-1", T),
        new Rejection("f.csv", 3, "email must look like name@example.com but was 'not-an-email'", "open,not-an-email,nl-1,2026-01-06T09:00:00Z"),
        new Rejection("f.csv", 4, "column 'at' must be ISO-8601 (2025-01-15T15:00:03Z) or epoch seconds but was '31/02/2025'", "open,b@x.com,nl-1,31/02/2025"),
        new Rejection("f.csv", 5, "type must be one of send, delivery, open, click, bounce, complaint, unsubscribe but was 'opened'",
            "opened,c@x.com,nl-1,2026-01-06T09:00:00Z"),
        new Rejection("f.csv", 6, "expected 4 columns as in the header but found 3", "open,d@x.com,nl-1"),
        new Rejection("f.csv", 7, "bounce_type must be hard, soft or block but was ''", "bounce,e@x.com,nl-1,2026-01-06T09:00:00Z"),
        new Rejection("f.csv", 8, "campaign_id is missing (required for open events)", "open,f@x.com,,2026-01-06T09:00:00Z"),
        new Rejection("f.csv", 9, "email is missing", "open,,nl-1,2026-01-06T09:00:00Z"),
        Event.of(EventType.CLICK, "g@x.com", "nl-1", T)),
        read(csv));
  }

  @Test
  void wholeFileProblemsAreOneRejection() throws IOException {
    assertEquals(List.of(new Rejection("f.csv", 0, "file is empty (a header row is required)", "")), read(""));
    assertEquals(List.of(new Rejection("f.csv", 0, "is not a CSV text file (it contains binary data)", "")),
        read(new byte[] {'P', 'K', 3, 4, 0, 0, 1, 2}));
    assertEquals(List.of(new Rejection("f.csv", 1,
            "header row must name an 'email' column (subscribers), 'campaign_id' (campaigns) or 'type' (events) but was: name, phone",
            "name,phone")),
        read("name,phone\nAnna,123\n"));
    assertEquals(List.of(new Rejection("f.csv", 1,
            "header row of an events file must have columns [type, email, campaign_id, at] but is missing [at] (found: type, email, campaign_id)",
            "type,email,campaign_id")),
        read("type,email,campaign_id\nopen,a@x.com,nl-1\n"));
  }

  @Test
  void detectionRecognisesEachKindOfHeader() {
    for (String header : List.of("email,first_name,last_name", "campaign_id,name,subject,sent_at",
        "type,email,campaign_id,at,user_agent", "\"type\",\"email\",\"campaign_id\",\"at\"")) {
      assertEquals(Optional.of(Format.STARLING_CSV), Format.detect((header + "\n").getBytes(StandardCharsets.UTF_8)), header);
    }
  }
}
