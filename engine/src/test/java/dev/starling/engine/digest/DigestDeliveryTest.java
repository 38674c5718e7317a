package dev.starling.engine.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.starling.engine.app.Starling;
import dev.starling.engine.ingest.ImportListener;
import dev.starling.fixtures.DatasetGenerator;
import dev.starling.fixtures.DatasetSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Delivery failures: a refused recipient is reported and does not stop the others; a busy server is retried. */
class DigestDeliveryTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T08:00:00Z"), ZoneOffset.UTC);

  @TempDir Path tmp;

  @Test
  void aRefusedRecipientIsReportedTheOthersGetTheirsAndABusyServerIsRetried() throws Exception {
    Path in = tmp.resolve("in");
    DatasetGenerator.generate(DatasetSpec.of(300, 6, 9), in);
    Path data = tmp.resolve("data");
    Files.createDirectories(data);
    Files.writeString(data.resolve("starling.yaml"), """
        digest:
          from: Starling <digest@starling.test>
          default-recipient: carol@starling.test
          salespeople:
            - name: Ana
              email: ana@starling.test
              language: es
              countries: [ES, MX, AR]
            - name: Gone
              email: gone@starling.test
              countries: [US]
            - name: Carol
              email: carol@starling.test
        """, StandardCharsets.UTF_8);
    List<Duration> waits = new ArrayList<>();
    try (TinySmtpServer smtp = new TinySmtpServer(Set.of("gone@starling.test"), Map.of("carol@starling.test", 1));
        Starling s = Starling.create(data, CLOCK)) {
      for (String f : List.of("subscribers.csv", "campaigns.csv", "events.csv")) {
        s.importFile(in.resolve(f), null, ImportListener.NONE);
      }
      DigestMailer mailer = DigestMailer.smtp(new SmtpSettings("127.0.0.1", smtp.port(), SmtpSettings.Security.PLAIN, null,
          SmtpSettings.DEFAULT_PASSWORD_ENV), null, waits::add);
      DigestJob job = s.digestJob();
      DigestJob.Summary sum = s.digest(job, null, DigestJob.Request.send(), mailer);

      assertEquals(List.of("ana@starling.test sent ", "gone@starling.test failed the server refused gone@starling.test: 550"
              + " 5.1.1 <gone@starling.test>: Recipient address rejected: User unknown",
          "carol@starling.test sent after 2 attempts"),
          sum.outcomes().stream().map(o -> o.recipient().email() + " " + o.status().key() + " " + o.detail()).toList());
      assertEquals(List.of(Duration.ofSeconds(5)), waits, "one transient refusal, one wait of the first backoff step");
      assertEquals(List.of("ana@starling.test", "carol@starling.test"), smtp.delivered);

      // The next run sends only to whoever did not get it: the two delivered ones are recorded.
      DigestJob.Summary again = s.digest(job, sum.week(), DigestJob.Request.send(), mailer);
      assertEquals(List.of("ana@starling.test already-sent", "gone@starling.test failed", "carol@starling.test already-sent"),
          again.outcomes().stream().map(o -> o.recipient().email() + " " + o.status().key()).toList());
      assertEquals(2, smtp.delivered.size());
    }
  }

  @Test
  void aServerThatStaysBusyIsTriedFourTimesWithGrowingWaits() throws Exception {
    Path in = tmp.resolve("in");
    DatasetGenerator.generate(DatasetSpec.of(200, 6, 4), in);
    Path data = tmp.resolve("data");
    Files.createDirectories(data);
    Files.writeString(data.resolve("starling.yaml"), """
        digest:
          from: digest@starling.test
          default-recipient: carol@starling.test
          salespeople:
            - name: Carol
              email: carol@starling.test
        """, StandardCharsets.UTF_8);
    List<Duration> waits = new ArrayList<>();
    try (TinySmtpServer smtp = new TinySmtpServer(Set.of(), Map.of("carol@starling.test", 100));
        Starling s = Starling.create(data, CLOCK)) {
      for (String f : List.of("subscribers.csv", "campaigns.csv", "events.csv")) {
        s.importFile(in.resolve(f), null, ImportListener.NONE);
      }
      DigestMailer mailer = DigestMailer.smtp(new SmtpSettings("127.0.0.1", smtp.port(), SmtpSettings.Security.PLAIN, null,
          SmtpSettings.DEFAULT_PASSWORD_ENV), null, waits::add);
      DigestJob.Outcome o = s.digest(s.digestJob(), null, DigestJob.Request.send(), mailer).outcomes().get(0);
      assertEquals(DigestJob.Status.FAILED, o.status());
      String busy = "the server refused carol@starling.test: 451 4.3.0 <carol@starling.test>: try again later";
      assertEquals(busy + " (4 attempts)", o.detail());
      assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(80)), waits);
      assertEquals(List.of(), smtp.delivered);
    }
  }
}
