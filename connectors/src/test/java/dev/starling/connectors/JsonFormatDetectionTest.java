package dev.starling.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.starling.connectors.json.Samples;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonFormatDetectionTest {

  private static final List<Format> JSON_FORMATS =
      List.of(Format.SENDGRID, Format.SES, Format.MAILGUN, Format.POSTMARK, Format.MAILCHIMP_ACTIVITY);

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "sendgrid/events.json, SENDGRID",
      "sendgrid/events.ndjson, SENDGRID",
      "ses/events.ndjson, SES",
      "mailgun/events-page.json, MAILGUN",
      "mailgun/webhooks.ndjson, MAILGUN",
      "postmark/webhooks.ndjson, POSTMARK",
      "mailchimp-activity/email-activity.json, MAILCHIMP_ACTIVITY"})
  void detectsEachSampleAndNoOtherFormatClaimsIt(String sample, Format expected) {
    byte[] head = Samples.head(sample);
    assertEquals(Optional.of(expected), Format.detect(head));
    String text = new String(head, StandardCharsets.UTF_8);
    assertEquals(List.of(expected), Arrays.stream(Format.values()).filter(f -> f.sniff(text)).toList());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "type,email,campaign_id,at\nopen,a@example.com,c1,2025-01-15T15:00:00Z\n",
      "email,first_name,last_name\na@example.com,Ana,Pérez\n",
      "campaign_id,name,sent_at\nc1,Otoño,2025-01-15\n",
      "\"event\",\"sg_event_id\",\"email\"\nopen,x,a@example.com\n",
      "{\"hello\":\"world\"}\n"})
  void noJsonFormatClaimsCsvOrUnknownJson(String head) {
    assertEquals(List.of(), JSON_FORMATS.stream().filter(f -> f.sniff(head)).toList());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"Type\":\"Notification\",\"MessageId\":\"m\",\"Message\":\"{\\\"eventType\\\":\\\"Open\\\",\\\"mail\\\":{}}\"}|SES",
      "[{\"event\":\"open\",\"email\":\"a@example.com\",\"sg_message_id\":\"m.1\"}]|SENDGRID",
      "{\"event\":\"delivered\",\"log-level\":\"info\",\"recipient\":\"a@example.com\"}|MAILGUN",
      "{\"RecordType\":\"SubscriptionChange\",\"MessageStream\":\"broadcast\"}|POSTMARK"})
  void detectsOtherShapesOfEachFormat(String head, Format expected) {
    assertEquals(Optional.of(expected), Format.detect(head.getBytes(StandardCharsets.UTF_8)));
  }
}
