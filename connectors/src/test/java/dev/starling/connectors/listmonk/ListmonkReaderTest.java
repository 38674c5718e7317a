package dev.starling.connectors.listmonk;

import static dev.starling.connectors.ReadAll.millis;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.starling.connectors.Event;
import dev.starling.connectors.EventType;
import dev.starling.connectors.Format;
import dev.starling.connectors.ReadAll;
import dev.starling.connectors.Rejection;
import dev.starling.connectors.Subscriber;
import dev.starling.connectors.SubscriptionStatus;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ListmonkReaderTest {

  @Test
  void subscriberExportWithGoTimesAttributesAndStatuses() throws IOException {
    assertEquals(List.of(
        new Subscriber("jose@nunez.es", "José", "Núñez García", "Ferretería Núñez", "ES", millis("2025-05-02T10:15:02.588Z"),
            List.of("vip", "feria"), SubscriptionStatus.SUBSCRIBED),
        new Subscriber("maria@example.org", "María", null, null, null, millis("2025-05-02T10:15:02.500Z"), List.of(),
            SubscriptionStatus.CLEANED),
        new Rejection("subscribers-export.csv", 4, "column 'attributes' must be a JSON object but was '{\"bad json'",
            "2d7eaf50-9c8b-4043-aebf-3c4d5e6f7081,ana@acme.es,Ana,{\"bad json,enabled,2025-05-02 10:15:02 +0000 UTC,"
                + "2025-05-02 10:15:02 +0000 UTC"),
        new Subscriber("luis@acme.es", "Luis", null, null, null, millis("2025-05-02T10:15:02Z"), List.of(),
            SubscriptionStatus.SUBSCRIBED)),
        ReadAll.sample(Format.LISTMONK, "listmonk/subscribers-export.csv"));
  }

  @Test
  void importFile() throws IOException {
    assertEquals(List.of(
        new Subscriber("pedro@example.com", "Pedro", "Gómez", null, null, null, List.of(), null),
        new Subscriber("carmen@example.com", "Carmen", null, null, null, null, List.of(), null)),
        ReadAll.sample(Format.LISTMONK, "listmonk/import.csv"));
  }

  @Test
  void campaignViewsJoinedWithEmailAreOpens() throws IOException {
    assertEquals(List.of(
        new Event(EventType.OPEN, "jose@nunez.es", "12", millis("2025-05-14T08:10:22.301Z"), "listmonk", "view-9001",
            null, null, null, null, null, null),
        new Rejection("campaign_views_with_email.csv", 3,
            "column 'email' is empty (an anonymous view: individual tracking was off or the subscriber was deleted)",
            "9002,12,,2025-05-14 08:11:00+00"),
        new Event(EventType.OPEN, "maria@example.org", "12", millis("2025-05-14T08:11:00.500Z"), "listmonk", "view-9003",
            null, null, null, null, null, null)),
        ReadAll.sample(Format.LISTMONK, "listmonk/campaign_views_with_email.csv"));
  }

  @Test
  void linkClicksAreClicksWithTheirUrl() throws IOException {
    assertEquals(List.of(
        new Event(EventType.CLICK, "jose@nunez.es", "12", millis("2025-05-14T08:12:01.020Z"), "listmonk", "click-501",
            null, null, "https://ferreteria.example/ofertas?utm_campaign=feb", null, null, null),
        new Rejection("link_clicks_with_email.csv", 3, "column 'campaign_id' is empty",
            "502,,3,https://ferreteria.example/ofertas,maria@example.org,2025-05-14 08:13:00+00")),
        ReadAll.sample(Format.LISTMONK, "listmonk/link_clicks_with_email.csv"));
  }

  @Test
  void viewsDumpWithOnlySubscriberIdsIsRefusedWithAdvice() throws IOException {
    assertEquals(List.of(new Rejection("campaign_views.csv", 1,
        "a listmonk campaign_views dump must have an 'email' column, since subscriber_id cannot be resolved here: "
            + "export it joined with subscribers (SELECT ..., s.email ... JOIN subscribers s ON s.id = subscriber_id); "
            + "the columns were id, campaign_id, subscriber_id, created_at",
        "id,campaign_id,subscriber_id,created_at")),
        ReadAll.sample(Format.LISTMONK, "listmonk/campaign_views.csv"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"subscribers-export.csv", "import.csv", "campaign_views_with_email.csv",
      "link_clicks_with_email.csv", "campaign_views.csv"})
  void detected(String file) {
    assertEquals(Optional.of(Format.LISTMONK), Format.detect(ReadAll.head("listmonk/" + file)));
  }
}
