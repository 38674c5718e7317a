package dev.starling.engine.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.starling.engine.config.Schedule;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServeLoopTest {
  static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
  static final Schedule MONDAY_0730 = new Schedule(DayOfWeek.MONDAY, LocalTime.of(7, 30), MADRID, List.of());

  /** A clock the waiter moves: waiting for a time means jumping to it. */
  static final class MovableClock extends Clock {
    Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** Jumps the clock to each awaited time, at most {@code times} times; then behaves as if stopped. */
  static final class JumpingWaiter implements ServeLoop.Waiter {
    final MovableClock clock;
    final List<Instant> awaited = new ArrayList<>();
    int times;

    JumpingWaiter(MovableClock clock, int times) {
      this.clock = clock;
      this.times = times;
    }

    @Override
    public boolean waitUntil(Instant t) {
      awaited.add(t);
      if (times-- <= 0) {
        return false;
      }
      clock.now = t;
      return true;
    }

    @Override
    public void wake() {
      times = 0;
    }
  }

  @Test
  void firesOnceAtTheConfiguredDayTimeAndZone() {
    // Wednesday 2 December 2026, 09:00 UTC: the next Monday 07:30 in Madrid (CET, UTC+1) is 7 December, 06:30 UTC.
    MovableClock clock = new MovableClock(Instant.parse("2026-12-02T09:00:00Z"));
    JumpingWaiter waiter = new JumpingWaiter(clock, 1);
    List<Instant> ran = new ArrayList<>();
    StringWriter log = new StringWriter();
    ServeLoop loop = new ServeLoop(MONDAY_0730, clock, waiter, (at, out) -> ran.add(clock.instant()), new PrintWriter(log));

    ServeLoop.Runs runs = loop.run();

    assertEquals(List.of(Instant.parse("2026-12-07T06:30:00Z")), ran);
    assertEquals(new ServeLoop.Runs(1, 0), runs);
    assertEquals(List.of(Instant.parse("2026-12-07T06:30:00Z"), Instant.parse("2026-12-14T06:30:00Z")), waiter.awaited);
    assertEquals("""
        2026-12-02T10:00+01:00 next run 2026-12-07T07:30+01:00[Europe/Madrid]
        2026-12-07T07:30+01:00 run started (scheduled 2026-12-07T07:30+01:00[Europe/Madrid])
        2026-12-07T07:30+01:00 run finished in 0.0 s
        2026-12-07T07:30+01:00 next run 2026-12-14T07:30+01:00[Europe/Madrid]
        2026-12-07T07:30+01:00 stopped
        """, log.toString());
  }

  @Test
  void aFailedRunIsLoggedAndTheNextWeekStillRuns() {
    MovableClock clock = new MovableClock(Instant.parse("2026-12-07T06:30:00Z")); // exactly at a run time: that one is past
    JumpingWaiter waiter = new JumpingWaiter(clock, 2);
    List<Instant> ran = new ArrayList<>();
    StringWriter log = new StringWriter();
    ServeLoop loop = new ServeLoop(MONDAY_0730, clock, waiter, (at, out) -> {
      ran.add(at);
      if (ran.size() == 1) {
        throw new IllegalStateException("smtp.example.com:587 refused the connection");
      }
    }, new PrintWriter(log));

    assertEquals(new ServeLoop.Runs(1, 1), loop.run());
    assertEquals(List.of(Instant.parse("2026-12-14T06:30:00Z"), Instant.parse("2026-12-21T06:30:00Z")), ran);
    assertEquals("2026-12-14T07:30+01:00 run FAILED after 0.0 s: smtp.example.com:587 refused the connection; the next run is"
        + " still scheduled", log.toString().lines().toList().get(2));
  }

  @Test
  void stopWakesAWaitingLoopAtOnce() throws Exception {
    ServeLoop.ClockWaiter waiter = new ServeLoop.ClockWaiter(Clock.systemUTC());
    StringWriter log = new StringWriter();
    List<Instant> ran = new ArrayList<>();
    ServeLoop loop = new ServeLoop(MONDAY_0730, Clock.systemUTC(), waiter, (at, out) -> ran.add(at), new PrintWriter(log));
    Thread t = new Thread(loop::run);
    t.start();
    Thread.sleep(100);
    loop.stop();
    t.join(5_000);
    assertEquals(false, t.isAlive());
    assertEquals(List.of(), ran);
    assertEquals(true, log.toString().strip().endsWith(" stopped"), log.toString());
  }

  @Test
  void summerTimeAndTheCronLine() {
    // In summer Madrid is UTC+2: Monday 6 July 2026, 07:30 local is 05:30 UTC.
    assertEquals(Instant.parse("2026-07-06T05:30:00Z"), MONDAY_0730.nextAfter(Instant.parse("2026-07-01T00:00:00Z")));
    assertEquals("CRON_TZ=Europe/Madrid\n30 7 * * 1 starling digest", MONDAY_0730.cronLine("starling digest"));
    Schedule sunday = new Schedule(DayOfWeek.SUNDAY, LocalTime.of(18, 5), ZoneId.of("UTC"), List.of());
    assertEquals("CRON_TZ=UTC\n5 18 * * 0 x", sunday.cronLine("x"));
  }
}
