package dev.starling.connectors.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.starling.connectors.Format;
import dev.starling.connectors.ReadAll;
import dev.starling.connectors.ReadResult;
import dev.starling.connectors.Rejection;
import dev.starling.connectors.UnreadableSourceException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bug found by testing: NDJSON lines were decoded leniently, so a Latin-1 byte became U+FFFD and two
 * different bad addresses ({@code café@}, {@code cafè@}) became one subscriber. JSON is UTF-8 (RFC
 * 8259): a record with a bad byte is rejected with the byte's offset in the file; in array mode the
 * one streaming parser cannot resume, so the file is refused whole.
 */
class JsonUtf8Test {

  private static byte[] latin1(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static List<ReadResult> read(byte[] bytes) throws IOException {
    return ReadAll.of(Format.SENDGRID.open(new ByteArrayInputStream(bytes), "events.ndjson"));
  }

  @Test
  void invalidUtf8InAnNdjsonLineBecameReplacementCharacters() throws IOException {
    String good = "{\"email\":\"ana@example.com\",\"timestamp\":1736953200,\"event\":\"processed\",\"sg_event_id\":\"x1\",\"campaign_id\":\"c1\"}\n";
    String bad1 = "{\"email\":\"café@example.fr\",\"timestamp\":1736953200,\"event\":\"processed\",\"sg_event_id\":\"x2\",\"campaign_id\":\"c1\"}\n";
    String bad2 = "{\"email\":\"cafè@example.fr\",\"timestamp\":1736953200,\"event\":\"processed\",\"sg_event_id\":\"x3\",\"campaign_id\":\"c1\"}\n";
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.writeBytes(good.getBytes(StandardCharsets.UTF_8));
    int at1 = file.size() + bad1.indexOf('é');
    file.writeBytes(latin1(bad1));
    int at2 = file.size() + bad2.indexOf('è');
    file.writeBytes(latin1(bad2));
    file.writeBytes(good.replace("x1", "x4").getBytes(StandardCharsets.UTF_8));

    List<ReadResult> got = read(file.toByteArray());

    assertEquals(4, got.size());
    assertEquals(new Rejection("events.ndjson", 2, "not valid UTF-8 at byte " + at1, bad1.strip().replace('é', '\uFFFD')),
        got.get(1));
    assertEquals(new Rejection("events.ndjson", 3, "not valid UTF-8 at byte " + at2, bad2.strip().replace('è', '\uFFFD')),
        got.get(2));
    assertEquals(List.of(false, true, true, false), got.stream().map(r -> r instanceof Rejection).toList());
  }

  @Test
  void invalidUtf8InAStreamedArrayRefusesTheWholeFile() {
    byte[] bytes = latin1("[{\"email\":\"ana@example.com\",\"timestamp\":1736953200,\"event\":\"processed\",\"sg_event_id\":\"x1\",\"campaign_id\":\"c1\"},\n"
        + " {\"email\":\"café@example.fr\",\"timestamp\":1736953200,\"event\":\"processed\",\"sg_event_id\":\"x2\",\"campaign_id\":\"c1\"}]\n");
    UnreadableSourceException e = assertThrows(UnreadableSourceException.class, () -> read(bytes));
    assertEquals(2, e.line());
    assertEquals(true, e.getMessage().startsWith("events.ndjson:2: array element 2 is not valid JSON: Invalid UTF-8"),
        e.getMessage());
  }
}
