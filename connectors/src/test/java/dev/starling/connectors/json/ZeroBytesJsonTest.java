package dev.starling.connectors.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.starling.connectors.FactReader;
import dev.starling.connectors.Format;
import dev.starling.connectors.UnreadableSourceException;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

/** Found by ReadersFuzzTest#postmark: zero bytes after '[' made Jackson read UTF-32 and throw a plain IOException. */
class ZeroBytesJsonTest {

  @Test
  void jsonThatLooksLikeUtf32EscapedAsCharConversionExceptionAndIsNowRefusedInOneLine() throws Exception {
    byte[] data = new byte[36];
    data[0] = '[';
    data[19] = ']';
    try (FactReader r = Format.POSTMARK.open(new ByteArrayInputStream(data), "postmark.json")) {
      UnreadableSourceException e = assertThrows(UnreadableSourceException.class, () -> {
        while (r.next() != null) {
          // read until refused
        }
      });
      assertEquals(true, e.getMessage().matches("postmark\\.json: is not UTF-8 JSON text \\(Invalid UTF-32 character"
          + " 0x[0-9a-f]+ \\(above 0x0010ffff\\) at char #\\d+, byte #\\d+\\)\\)"), e.getMessage());
    }
  }
}
