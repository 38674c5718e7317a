package dev.starling.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Bug from the 1M-subscriber benchmark: an OutOfMemoryError reached the user as a 30-line stack trace. */
class OutOfMemoryCliTest {
  /** A command that really runs out of heap: one array larger than any heap this test runs with (16 GB). */
  @Command(name = "exhaust")
  static final class Exhaust implements Callable<Integer> {
    @Override
    public Integer call() {
      long[] huge = new long[Integer.MAX_VALUE - 8];
      return huge.length;
    }
  }

  @Test
  void anOutOfMemoryErrorInACommandIsOneLineNamingTheHeapAndTheFix() {
    CommandLine cl = StarlingCommand.commandLine(new Context(Map.of(), Clock.systemUTC(), false), false);
    cl.addSubcommand(new CommandLine(new Exhaust()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute("exhaust");
    long mb = Runtime.getRuntime().maxMemory() >> 20;
    assertEquals("starling: out of memory (Java heap space) with a heap of " + mb + " MB: run it again with a larger heap,"
        + " e.g. JAVA_OPTS=-Xmx" + Math.max(1, (2 * mb + 1023) / 1024) + "g" + System.lineSeparator(), err.toString());
    assertEquals("", out.toString());
    assertEquals(1, code);
  }

  @Test
  void theLineForA512MbHeapSuggestsOneGigabyte() {
    StringWriter err = new StringWriter();
    int code = ErrorReport.outOfMemory(new OutOfMemoryError("Java heap space"), new PrintWriter(err), false, 512L << 20);
    assertEquals("starling: out of memory (Java heap space) with a heap of 512 MB: run it again with a larger heap,"
        + " e.g. JAVA_OPTS=-Xmx1g" + System.lineSeparator(), err.toString());
    assertEquals(1, code);
  }
}
