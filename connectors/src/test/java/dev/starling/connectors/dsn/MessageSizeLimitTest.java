package dev.starling.connectors.dsn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.starling.connectors.Event;
import dev.starling.connectors.ReadLimits;
import dev.starling.connectors.ReadResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A message over {@code import.max-message-size} is rejected with its number and size, and the
 * messages around it are read as usual; a single .eml is read only until it is known to be too large.
 */
class MessageSizeLimitTest {

  private static final String BODY_LINE = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\n";

  private static List<String> read(HugeMbox.Generated in, ReadLimits limits) throws IOException {
    List<String> out = new ArrayList<>();
    try (DsnReader reader = new DsnReader(in, "big.mbox", limits)) {
      for (ReadResult r = reader.next(); r != null; r = reader.next()) {
        out.add(r instanceof Event e ? "bounce " + e.email() + " " + e.bounceKind() : r.toString());
      }
    }
    return out;
  }

  @Test
  void oneGigabyteMessageWasReadToTheEndAndNowAMessageOverTheLimitIsRejectedWithItsNumberAndSize() throws IOException {
    long body = (3L << 20) / BODY_LINE.length() * BODY_LINE.length();
    HugeMbox.Generated in = new HugeMbox.Generated(HugeMbox.first(), BODY_LINE, body, "\n--b1--\n\n" + HugeMbox.second());
    // the message is what follows its "From " line, up to the next one
    long size = HugeMbox.first().length() - (HugeMbox.first().indexOf('\n') + 1) + body + "\n--b1--\n\n".length();
    List<String> got = read(in, new ReadLimits(2L << 20, 100, Long.MAX_VALUE));
    assertEquals(List.of(
        "big.mbox:1: message 1 is " + ReadLimits.bytes(size)
            + ", larger than the limit of 2.0 MB (import.max-message-size); not read",
        "bounce jose@nunez.es SOFT"), got);
  }

  @Test
  void singleMessageOverTheLimitIsReadOnlyUntilItIsKnownToBeTooLarge() throws IOException {
    String eml = HugeMbox.first().substring(HugeMbox.first().indexOf('\n') + 1);
    HugeMbox.Generated in = new HugeMbox.Generated(eml, BODY_LINE, 1L << 30, "\n--b1--\n");
    List<String> got = read(in, new ReadLimits(1L << 20, 100, Long.MAX_VALUE));
    assertEquals(List.of("big.mbox:1: message 1 is over 1.0 MB, larger than the limit of 1.0 MB (import.max-message-size);"
        + " not read"), got);
    assertEquals(true, in.served < (2L << 20), "read " + in.served + " bytes of a 1 GB message");
  }
}
