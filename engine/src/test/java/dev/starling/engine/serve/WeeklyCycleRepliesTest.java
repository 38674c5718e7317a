package dev.starling.engine.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.starling.engine.app.Starling;
import dev.starling.engine.error.StarlingException;
import dev.starling.engine.ingest.ImportListener;
import dev.starling.engine.testing.MailServerExtension;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The weekly cycle with {@code leads.replies-mailbox} set: the replies are read before the leads are
 * suggested, and a replies mailbox that cannot be reached is logged and counted as a failed mailbox while
 * sales still get their digest (a real GreenMail SMTP server receives it).
 */
class WeeklyCycleRepliesTest {
  @RegisterExtension static final MailServerExtension mail = new MailServerExtension();

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC);

  @TempDir Path tmp;

  @Test
  void anUnreachableRepliesMailboxIsLoggedAndTheDigestStillGoesOut() throws IOException {
    Path data = tmp.resolve("data");
    Path list = Files.writeString(tmp.resolve("list.csv"), "email,name,company\nana@acme.example,Ana,Acme\n");
    StringBuilder ev = new StringBuilder("type,email,campaign_id,at\n");
    for (int week = 0; week < 6; week++) {
      Instant at = Instant.parse("2026-01-06T09:00:00Z").plusSeconds(week * 7L * 86400);
      ev.append("send,ana@acme.example,nl-").append(week).append(',').append(at).append('\n');
      ev.append("open,ana@acme.example,nl-").append(week).append(',').append(at.plusSeconds(3600)).append('\n');
    }
    Path events = Files.writeString(tmp.resolve("events.csv"), ev);
    try (Starling s = Starling.create(data, CLOCK)) {
      s.importFile(list, null, ImportListener.NONE);
      s.importFile(events, null, ImportListener.NONE);
    }
    mail.server().setUser("digest@starling.test", "digest@starling.test", "smtp-secret");
    Files.writeString(data.resolve("starling.yaml"), """
        leads:
          replies-mailbox: imaps://replies@127.0.0.1:1/INBOX
        digest:
          from: Starling <digest@starling.test>
          default-recipient: rita@starling.test
          salespeople:
            - name: Rita
              email: rita@starling.test
        smtp:
          host: 127.0.0.1
          port: %d
          security: plain
          user: digest@starling.test
        """.formatted(mail.server().getSmtp().getPort()));
    WeeklyCycle cycle = new WeeklyCycle(data, CLOCK, Map.of("STARLING_IMAP_PASSWORD", "pw", "STARLING_SMTP_PASSWORD",
        "smtp-secret"), d -> {});
    StringWriter log = new StringWriter();
    StarlingException e = assertThrows(StarlingException.class,
        () -> cycle.run(CLOCK.instant(), new PrintWriter(log, true)));
    assertEquals("1 mailbox(es) failed", e.getMessage());
    List<String> lines = log.toString().lines().toList();
    assertEquals("  replies imaps://replies@127.0.0.1:1/INBOX: FAILED: cannot connect to replies@127.0.0.1:1/INBOX over TLS:",
        lines.get(0).substring(0, lines.get(0).indexOf("over TLS:") + "over TLS:".length()));
    assertEquals(List.of("  leads 2026-W07: 1 suggestions, 1 new",
        "  digest 2026-W07 to rita@starling.test: sent, 1 people, 0 accounts"), lines.subList(1, lines.size()));
    assertEquals(1, mail.server().getReceivedMessages().length);
  }
}
