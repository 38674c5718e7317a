package dev.starling.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.icegreen.greenmail.util.GreenMailUtil;
import dev.starling.engine.testing.MailServerExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code starling import imap://...} end to end against a real GreenMail IMAP server. */
class ImportMailboxCliTest {
  @RegisterExtension
  static final MailServerExtension mail = new MailServerExtension();

  @TempDir Path tmp;

  List<String> run(Map<String, String> env, String... args) {
    Context ctx = new Context(env, Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC), false);
    CommandLine cl = StarlingCommand.commandLine(ctx, false);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return List.of(Integer.toString(code), out.toString(), err.toString());
  }

  @Test
  void importsReportAttachmentsOnceWithThePasswordFromTheEnvironment() {
    mail.server().setUser("reports@starling.test", "reports", "pw-123");
    byte[] csv = "type,email,campaign_id,at\nsend,ann@example.com,nl-001,2026-05-04T09:00:00Z\nopen,ann@example.com,nl-001,2026-05-04T10:00:00Z\n"
        .getBytes(StandardCharsets.UTF_8);
    GreenMailUtil.sendAttachmentEmail("reports@starling.test", "esp@example.net", "Weekly report", "See attached.",
        csv, "text/csv", "events.csv", "events", mail.server().getSmtp().getServerSetup());
    String box = "imap://reports@127.0.0.1:" + mail.server().getImap().getPort() + "/INBOX";
    String data = tmp.toString();

    List<String> first = run(Map.of("STARLING_IMAP_PASSWORD", "pw-123"), "import", "--data", data, "--insecure-plaintext", box);
    assertEquals("0", first.get(0), first.get(2));
    String mailbox = "reports@127.0.0.1:" + mail.server().getImap().getPort() + "/INBOX";
    assertEquals(List.of(
        "events.csv: starling-csv events, 2 rows read: 2 imported, 0 duplicates skipped, 0 rejected (1 new subscriber, 1 unknown campaign created) in",
        mailbox + ": 1 message: 1 imported, 0 already imported, 0 with nothing to import, 0 failed"),
        first.get(1).lines().map(l -> l.replaceFirst(" in [0-9.]+ s \\[import #\\d+]$", " in")).toList());

    List<String> second = run(Map.of("STARLING_IMAP_PASSWORD", "pw-123"), "import", "--data", data, "--insecure-plaintext", box);
    assertEquals(mailbox + ": 1 message: 0 imported, 1 already imported, 0 with nothing to import, 0 failed\n", second.get(1));

    List<String> noPassword = run(Map.of(), "import", "--data", data, "--insecure-plaintext", box);
    assertEquals(List.of("1", "", "starling: no password for " + mailbox + ": set STARLING_IMAP_PASSWORD (there is no terminal to ask on)\n"),
        noPassword);
  }
}
