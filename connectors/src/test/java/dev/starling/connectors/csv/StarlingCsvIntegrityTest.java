package dev.starling.connectors.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.starling.connectors.Event;
import dev.starling.connectors.EventType;
import dev.starling.connectors.ReadResult;
import dev.starling.connectors.Rejection;
import dev.starling.connectors.Subscriber;
import dev.starling.connectors.UnreadableSourceException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bugs found by testing: a parse error must never drop the rest of a file unseen, and bad bytes must
 * never become U+FFFD. Each test reads bytes as an ESP export or a hand-edited list would hold them.
 */
class StarlingCsvIntegrityTest {
  private static final String HEADER = "type,email,campaign_id,at,user_agent,ip\n";
  private static final String UA = "\"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)\"";

  private static String open(String who, int minute) {
    return "open," + who + ",nl-001,2026-01-06T10:" + String.format("%02d", minute) + ":00Z," + UA + ",81.2.69.160\n";
  }

  private static Event openEvent(String who, int minute) {
    return new Event(EventType.OPEN, who, "nl-001", java.time.Instant.parse(
        "2026-01-06T10:" + String.format("%02d", minute) + ":00Z").toEpochMilli(), "starling", null,
        UA.substring(1, UA.length() - 1), "81.2.69.160", null, null, null, null);
  }

  @Test
  void aStrayQuoteInAnEventsFileDroppedEveryLaterRow() throws IOException {
    // The user agent of line 3 lost its closing quote (an export tool cut it at 64 characters).
    String stray = "open,bo@example.com,nl-001,2026-01-06T10:01:00Z,\"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWeb,81.2.69.160";
    StringBuilder csv = new StringBuilder(HEADER).append(open("ana@example.com", 0)).append(stray).append('\n');
    for (int i = 2; i < 50; i++) {
      csv.append(open("p" + i + "@example.com", i));
    }
    List<ReadResult> got = StarlingCsvReaderTest.read(csv.toString());

    assertEquals(50, got.size());
    assertEquals(openEvent("ana@example.com", 0), got.get(0));
    assertEquals(new Rejection("f.csv", 3,
        "has a quote opened in field 5 and not closed on this line (a stray quote? an event is one line)", stray), got.get(1));
    assertEquals(openEvent("p2@example.com", 2), got.get(2));
    assertEquals(openEvent("p49@example.com", 49), got.get(49));
  }

  @Test
  void anUnterminatedQuoteInASubscriberListRefusesTheWholeFile() {
    // A quoted field may hold a line break in a list, so the reader cannot know where the row was
    // meant to end: nothing after line 3 can be trusted, and the file is refused, not cut short.
    String csv = "email,first_name,company\nana@acme.example,Ana,Acme\nbo@acme.example,Bo,\"Acme, Inc\n"
        + "cy@acme.example,Cy,Acme\ndi@acme.example,Di,Acme\n";
    UnreadableSourceException e = assertThrows(UnreadableSourceException.class,
        () -> StarlingCsvReaderTest.read(csv));
    assertEquals("f.csv:3: a quote opened in field 3 is never closed (a stray quote?): "
        + "the rest of the file cannot be read as rows", e.getMessage());
    assertEquals(3, e.line());
  }

  @Test
  void aQuotedFieldRunningPastTheRecordLimitRefusesTheWholeFile() {
    StringBuilder csv = new StringBuilder("email,first_name,company\nbo@acme.example,Bo,\"Acme\n");
    String row = "x".repeat(999) + "\n";
    while (csv.length() < StarlingCsvReader.MAX_RECORD_CHARS + 10_000) {
      csv.append(row);
    }
    csv.append("end\"\n");
    UnreadableSourceException e = assertThrows(UnreadableSourceException.class,
        () -> StarlingCsvReaderTest.read(csv.toString()));
    assertEquals("f.csv:2: a quoted field opened here runs past 1048576 characters (a stray quote?): "
        + "the rest of the file cannot be read as rows", e.getMessage());
  }

  @Test
  void anEventLineOverTheLimitIsRejectedAndTheNextLineRead() throws IOException {
    String huge = "open,bo@example.com,nl-001,2026-01-06T10:01:00Z," + "A".repeat(StarlingCsvReader.MAX_LINE_BYTES) + ",1.2.3.4";
    String csv = HEADER + open("ana@example.com", 0) + huge + "\n" + open("cy@example.com", 2);
    assertEquals(List.of(openEvent("ana@example.com", 0),
            new Rejection("f.csv", 3, "is longer than 1048576 bytes; not read", huge.substring(0, 80)),
            openEvent("cy@example.com", 2)),
        StarlingCsvReaderTest.read(csv));
  }

  @Test
  void invalidUtf8BecameReplacementCharactersAndDistinctAddressesCollided() throws IOException {
    // Two Latin-1 bytes (é = E9, è = E8) in a file that is otherwise UTF-8: decoded leniently both
    // would be "caf\uFFFD@example.fr", one subscriber instead of two different people.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes("email,first_name\nzoë@example.nl,Zoë\n".getBytes(StandardCharsets.UTF_8));
    int first = bytes.size() + 3;
    bytes.writeBytes(new byte[] {'c', 'a', 'f', (byte) 0xE9, '@', 'e', 'x', 'a', 'm', 'p', 'l', 'e', '.', 'f', 'r', ',', 'A', '\n'});
    int second = bytes.size() + 3;
    bytes.writeBytes(new byte[] {'c', 'a', 'f', (byte) 0xE8, '@', 'e', 'x', 'a', 'm', 'p', 'l', 'e', '.', 'f', 'r', ',', 'B', '\n'});
    bytes.writeBytes("ana@example.com,Ana\n".getBytes(StandardCharsets.UTF_8));

    assertEquals(List.of(
            new Subscriber("zoë@example.nl", "Zoë", null, null, null, null, List.of(), null),
            new Rejection("f.csv", 3, "not valid UTF-8 at byte " + first, "caf\uFFFD@example.fr,A"),
            new Rejection("f.csv", 4, "not valid UTF-8 at byte " + second, "caf\uFFFD@example.fr,B"),
            new Subscriber("ana@example.com", "Ana", null, null, null, null, List.of(), null)),
        StarlingCsvReaderTest.read(bytes.toByteArray()));
  }
}
