package dev.starling.connectors.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.starling.connectors.Event;
import dev.starling.connectors.FactReader;
import dev.starling.connectors.Format;
import dev.starling.connectors.ReadResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Files far larger than a record are read record by record: the input is generated, never held. */
class JsonRecordsStreamingTest {

  private static final int RECORDS = 200_000;

  @ParameterizedTest(name = "array={0}")
  @ValueSource(booleans = {false, true})
  void readsAGeneratedFileOfManyRecords(boolean array) throws IOException {
    long events = 0;
    try (FactReader r = Format.SENDGRID.open(generated(array), "big")) {
      ReadResult x;
      while ((x = r.next()) != null) {
        events += x instanceof Event ? 1 : 0;
      }
    }
    assertEquals(RECORDS, events);
  }

  private static InputStream generated(boolean array) {
    Enumeration<InputStream> parts = new Enumeration<>() {
      int i = -1;

      @Override
      public boolean hasMoreElements() {
        return i <= RECORDS;
      }

      @Override
      public InputStream nextElement() {
        i++;
        String s;
        if (i == 0) {
          s = array ? "[" : "";
        } else if (i > RECORDS) {
          s = array ? "]" : "";
        } else {
          s = (array && i > 1 ? "," : "") + "{\"email\":\"u" + i + "@example.com\",\"timestamp\":" + (1736953200 + i)
              + ",\"event\":\"open\",\"sg_event_id\":\"e" + i + "\",\"campaign_id\":\"c1\"}\n";
        }
        return new java.io.ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
      }
    };
    return new SequenceInputStream(parts);
  }
}
