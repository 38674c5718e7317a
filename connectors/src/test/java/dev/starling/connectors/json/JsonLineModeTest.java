package dev.starling.connectors.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.starling.connectors.Format;
import dev.starling.connectors.ReadAll;
import dev.starling.connectors.ReadResult;
import dev.starling.connectors.Rejection;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * NDJSON line mode keeps one record per line strict: the line parser is a reader bound once (for
 * speed), and must still refuse anything after the record, since two records glued on one line mean
 * a broken log, not two good events.
 */
class JsonLineModeTest {

  private static final String EVENT =
      "{\"email\":\"ana@example.com\",\"timestamp\":1736953200,\"event\":\"processed\",\"sg_event_id\":\"%s\",\"campaign_id\":\"c1\"}";

  @Test
  void twoRecordsOnOneLineAreRejectedNotHalfRead() throws IOException {
    String glued = EVENT.formatted("x2") + " " + EVENT.formatted("x3");
    String file = EVENT.formatted("x1") + "\n" + glued + "\n" + EVENT.formatted("x4") + "\n";

    List<ReadResult> got = ReadAll.of(Format.SENDGRID.open(
        new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), "events.ndjson"));

    assertEquals(List.of(false, true, false), got.stream().map(r -> r instanceof Rejection).toList());
    Rejection r = (Rejection) got.get(1);
    assertEquals(2, r.line());
    assertEquals(true, r.reason().startsWith("is not valid JSON: Trailing token (of type START_OBJECT) found after value"),
        r.reason());
  }
}
