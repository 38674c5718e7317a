package dev.starling.engine.serve;

import dev.starling.engine.config.Schedule;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Runs a job at each scheduled time until stopped. A run that throws is logged and the loop waits for the next
 * time: one bad week (a mail server down, a broken file in the mailbox) must not end the service.
 */
public final class ServeLoop {
  /** Waits until a time; the seam tests use to move a fake clock instead of sleeping. */
  public interface Waiter {
    /**
     * Returns when {@code t} has come (true) or when {@link #wake()} was called (false).
     */
    boolean waitUntil(Instant t) throws InterruptedException;

    /** Makes a pending or the next {@link #waitUntil} return false at once. */
    void wake();
  }

  /** One scheduled run; what it logs goes to the loop's log. */
  @FunctionalInterface
  public interface Job {
    void run(Instant scheduledFor, PrintWriter log) throws Exception;
  }

  private final Schedule schedule;
  private final Clock clock;
  private final Waiter waiter;
  private final Job job;
  private final PrintWriter log;
  private volatile boolean stopping;

  public ServeLoop(Schedule schedule, Clock clock, Waiter waiter, Job job, PrintWriter log) {
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.waiter = Objects.requireNonNull(waiter, "waiter");
    this.job = Objects.requireNonNull(job, "job");
    this.log = Objects.requireNonNull(log, "log");
  }

  /**
   * Runs until {@link #stop()}.
   *
   * @return how many runs succeeded and failed
   */
  public Runs run() {
    int ok = 0;
    int failed = 0;
    while (!stopping) {
      Instant next = schedule.nextAfter(clock.instant());
      log("next run " + next.atZone(schedule.zone()));
      try {
        if (!waiter.waitUntil(next) || stopping) {
          break;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      Instant started = clock.instant();
      log("run started (scheduled " + next.atZone(schedule.zone()) + ")");
      try {
        job.run(next, log);
        ok++;
        log("run finished in " + seconds(started));
      } catch (Exception e) {
        failed++;
        log("run FAILED after " + seconds(started) + ": " + e.getMessage() + "; the next run is still scheduled");
      }
    }
    log("stopped");
    return new Runs(ok, failed);
  }

  /** What a loop did before it stopped. */
  public record Runs(int succeeded, int failed) {}

  /** Asks the loop to stop: at once when waiting, after the current run otherwise. */
  public void stop() {
    stopping = true;
    waiter.wake();
  }

  private String seconds(Instant started) {
    Duration d = Duration.between(started, clock.instant());
    return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  private void log(String line) {
    synchronized (log) {
      log.println(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).atZone(schedule.zone()).toOffsetDateTime()
          + " " + line);
      log.flush();
    }
  }

  /** Waits on the real clock, checking it at least every minute (a suspended laptop wakes up late, not never). */
  public static final class ClockWaiter implements Waiter {
    private static final long MAX_NAP_MS = 60_000;
    private final Clock clock;
    private final Object lock = new Object();
    private boolean woken;

    public ClockWaiter(Clock clock) {
      this.clock = clock;
    }

    @Override
    public boolean waitUntil(Instant t) throws InterruptedException {
      synchronized (lock) {
        while (!woken) {
          long left = Duration.between(clock.instant(), t).toMillis();
          if (left <= 0) {
            return true;
          }
          lock.wait(Math.min(left, MAX_NAP_MS));
        }
        return false;
      }
    }

    @Override
    public void wake() {
      synchronized (lock) {
        woken = true;
        lock.notifyAll();
      }
    }
  }
}
