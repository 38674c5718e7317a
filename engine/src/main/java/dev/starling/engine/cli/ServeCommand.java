package dev.starling.engine.cli;

import dev.starling.engine.app.Starling;
import dev.starling.engine.config.Schedule;
import dev.starling.engine.digest.DigestException;
import dev.starling.engine.digest.DigestMailer;
import dev.starling.engine.serve.ServeLoop;
import dev.starling.engine.serve.WeeklyCycle;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Run the weekly cycle on the schedule in starling.yaml (serve.day, serve.time, serve.time-zone):",
        "import the configured mailboxes (serve.mailboxes), refresh the features, suggest the week's leads and send",
        "the digest. Logs each run to standard output; a failed run is logged and the next one still happens.",
        "Stops cleanly on SIGTERM or Ctrl-C (a run in progress finishes first)."})
final class ServeCommand implements Callable<Integer> {
  /** How long a stop waits for a run in progress (a digest retrying a slow server) before the JVM exits anyway. */
  private static final long STOP_GRACE_SECONDS = 300;

  @ParentCommand StarlingCommand root;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = root.spec.commandLine().getOut();
    Schedule schedule;
    try (Starling s = Starling.open(root.dataDir(), root.context.clock())) {
      // Fail now, not next Monday: a digest and an SMTP server must be configured.
      s.digestJob();
      if (s.config().smtpSettings().isEmpty()) {
        throw new DigestException("no smtp: section in " + s.dataDir().resolve("starling.yaml") + ": serve sends the digest by mail");
      }
      schedule = s.config().schedule();
    }
    out.printf("Starling serve: every %s at %s (%s) for %s. The same with cron:%n%s%n",
        schedule.day().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH), schedule.time(),
        schedule.zone().getId(), root.dataDir().toAbsolutePath(),
        schedule.cronLine(cronCommand(schedule, root.dataDir().toAbsolutePath().toString())));
    out.flush();
    ServeLoop.ClockWaiter waiter = new ServeLoop.ClockWaiter(root.context.clock());
    ServeLoop loop = new ServeLoop(schedule, root.context.clock(), waiter,
        new WeeklyCycle(root.dataDir(), root.context.clock(), root.context.env(), DigestMailer.Sleeper.REAL), out);
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      loop.stop();
      try {
        finished.await(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "starling-serve-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      loop.run();
    } finally {
      finished.countDown();
    }
    return 0;
  }

  /** What cron would run for the same cycle ({@code digest} itself refreshes the features and the leads). */
  static String cronCommand(Schedule schedule, String dataDir) {
    String data = "starling --data " + dataDir;
    return (schedule.mailboxes().isEmpty() ? "" : data + " import " + String.join(" ", schedule.mailboxes()) + "; ")
        + data + " digest";
  }
}
