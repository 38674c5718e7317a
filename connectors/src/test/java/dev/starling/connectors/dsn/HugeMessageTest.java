package dev.starling.connectors.dsn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A bounce returning a 1 GiB message, in an mbox, read in a JVM limited to a 512 MB heap: the old reader
 * held each message whole and ran out of memory; now only the first megabyte of each is kept.
 */
class HugeMessageTest {

  @Test
  void oneGigabyteMessageInAnMboxWasHeldWholeAndNowStreamsUnder512MbOfHeap() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process p = new ProcessBuilder(java, "-Xmx512m", "-cp", classPath, HugeMbox.class.getName())
        .redirectErrorStream(true).start();
    String out;
    try (var in = p.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("the reader did not finish in 5 minutes");
    }
    long body = HugeMbox.BODY_BYTES / 77 * 77;
    long total = HugeMbox.first().length() + body + "\n--b1--\n\n".length() + HugeMbox.second().length();
    assertEquals(List.of(
        "bounce maria.lopez@example.org HARD cat-2025",
        "bounce jose@nunez.es SOFT hv-2025-01",
        "read " + total + " bytes"), out.lines().toList(), out);
    assertEquals(0, p.exitValue());
  }

  @Test
  void generatorServesWhatItPromises() throws IOException {
    HugeMbox.Generated g = new HugeMbox.Generated("ab", "xyz\n", 9, "cd");
    assertEquals("abxyz\nxyz\ncd", new String(g.readAllBytes(), StandardCharsets.US_ASCII));
  }
}
