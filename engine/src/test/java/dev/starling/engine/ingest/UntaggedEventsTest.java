package dev.starling.engine.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.starling.engine.app.Starling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ESP events without a campaign tag were dropped; now they land in a campaign derived from their message. */
class UntaggedEventsTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T08:00:00Z"), ZoneOffset.UTC);

  @TempDir Path tmp;

  @Test
  void untaggedSesAndSendGridEventsWereDroppedAndAreNowGroupedIntoDerivedCampaigns() throws IOException {
    Path ses = Files.writeString(tmp.resolve("ses.ndjson"), """
        {"eventType":"Delivery","mail":{"timestamp":"2025-01-15T15:00:00.000Z","messageId":"m-9","destination":["a@example.com"],"commonHeaders":{"subject":"Novedades de enero"}},"delivery":{"timestamp":"2025-01-15T15:00:02.000Z","recipients":["a@example.com"]}}
        {"eventType":"Open","mail":{"timestamp":"2025-01-15T15:00:00.000Z","messageId":"m-9","destination":["a@example.com"],"commonHeaders":{"subject":"Novedades de enero"}},"open":{"timestamp":"2025-01-16T08:00:00.000Z","userAgent":"Mozilla/5.0"}}
        """);
    Path sendgrid = Files.writeString(tmp.resolve("sendgrid.ndjson"), """
        {"email":"b@example.com","timestamp":1736953260,"event":"open","useragent":"Mozilla/5.0","sg_event_id":"e1","sg_message_id":"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0"}
        """);
    try (Starling s = Starling.create(tmp.resolve("data"), CLOCK)) {
      ImportSummary a = s.importFile(ses, null, ImportListener.NONE);
      ImportSummary b = s.importFile(sendgrid, null, ImportListener.NONE);
      assertEquals(List.of(2L, 0L, 2L, 1L, 1L, 1L), List.of(a.imported(), a.rejected(), a.intake().groupedUntagged(),
          a.unknownCampaigns(), b.intake().groupedUntagged(), b.unknownCampaigns()));
      List<String> codes = dev.starling.engine.store.StoreProbe.rows(s.store(), "SELECT code FROM campaigns ORDER BY code");
      assertEquals(List.of("untagged/sendgrid/batch/14c5d75ce93", "untagged/ses/2025-01-15/Novedades de enero"), codes);
    }
  }

  @Test
  void anUntaggedOpenLandsInTheCampaignOfItsMessagesDeliveryEvenOnAnotherDay() throws IOException {
    Path postmark = Files.writeString(tmp.resolve("postmark.ndjson"), """
        {"RecordType":"Delivery","MessageStream":"broadcast","MessageID":"pm-1","Recipient":"c@example.com","DeliveredAt":"2025-01-15T15:00:03Z"}
        {"RecordType":"Open","MessageStream":"broadcast","MessageID":"pm-1","Recipient":"c@example.com","ReceivedAt":"2025-01-17T08:00:00Z","UserAgent":"Mozilla/5.0"}
        """);
    try (Starling s = Starling.create(tmp.resolve("data"), CLOCK)) {
      ImportSummary p = s.importFile(postmark, null, ImportListener.NONE);
      assertEquals(List.of(2L, 1L, 0L), List.of(p.intake().groupedUntagged(), p.unknownCampaigns(),
          p.quality().noSendEngagements()));
    }
  }
}
