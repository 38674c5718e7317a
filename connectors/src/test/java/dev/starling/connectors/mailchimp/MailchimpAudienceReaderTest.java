package dev.starling.connectors.mailchimp;

import static dev.starling.connectors.ReadAll.millis;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.starling.connectors.Event;
import dev.starling.connectors.EventType;
import dev.starling.connectors.Format;
import dev.starling.connectors.ReadAll;
import dev.starling.connectors.ReadResult;
import dev.starling.connectors.Rejection;
import dev.starling.connectors.Subscriber;
import dev.starling.connectors.SubscriptionStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class MailchimpAudienceReaderTest {

  static final String SUB = "subscribed_members_export_4f1d2e3a5b.csv";
  static final String UNSUB = "unsubscribed_members_export_4f1d2e3a5b.csv";
  static final String CLEAN = "cleaned_members_export_4f1d2e3a5b.csv";

  static List<ReadResult> subscribed(String source) {
    return List.of(
        new Subscriber("jose.nunez@example.es", "José", "Núñez", null, "España", millis("2024-11-02T10:15:00Z"),
            List.of("vip", "feria-2024"), SubscriptionStatus.SUBSCRIBED),
        new Subscriber("anne@example.com", "Anne", "Smith", null, "GB", millis("2024-06-01T00:00:00Z"), List.of(),
            SubscriptionStatus.SUBSCRIBED),
        new Rejection(source, 4, "column 'Email Address' must look like name@example.com but was 'not-an-email'",
            "not-an-email,X,Y,,,,1,2024-06-01 00:00:00,,,,,,,,,,,2024-06-01 00:00:00,103,c3d4e5f6a7,,"));
  }

  static final List<ReadResult> UNSUBSCRIBED = List.of(
      new Subscriber("maria@example.org", "María", "López", null, "España", millis("2024-03-01T09:00:00Z"), List.of(),
          SubscriptionStatus.UNSUBSCRIBED),
      new Event(EventType.UNSUBSCRIBE, "maria@example.org", "8f2a1c9e44", millis("2025-02-03T18:20:11Z"), "mailchimp",
          null, null, null, null, null, null, "I no longer want to receive these emails"),
      new Subscriber("admin-removed@example.org", null, null, null, null, millis("2024-03-01T09:01:00Z"), List.of(),
          SubscriptionStatus.UNSUBSCRIBED));

  static final List<ReadResult> CLEANED = List.of(
      new Subscriber("gone@example.net", null, null, null, null, millis("2023-01-01T00:00:00Z"), List.of(),
          SubscriptionStatus.CLEANED));

  @Test
  void subscribedFile() throws IOException {
    assertEquals(subscribed(SUB), ReadAll.sample(Format.MAILCHIMP_AUDIENCE, "mailchimp-audience/" + SUB));
  }

  @Test
  void unsubscribedFileAddsAnUnsubscribeEventWhenItNamesTheCampaign() throws IOException {
    assertEquals(UNSUBSCRIBED, ReadAll.sample(Format.MAILCHIMP_AUDIENCE, "mailchimp-audience/" + UNSUB));
  }

  @Test
  void cleanedFile() throws IOException {
    assertEquals(CLEANED, ReadAll.sample(Format.MAILCHIMP_AUDIENCE, "mailchimp-audience/" + CLEAN));
  }

  static byte[] zip() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (String name : List.of(SUB, UNSUB, CLEAN)) {
        z.putNextEntry(new ZipEntry(name));
        z.write(ReadAll.bytes("mailchimp-audience/" + name));
        z.closeEntry();
      }
    }
    return out.toByteArray();
  }

  @Test
  void zipOfTheThreeFilesIsStreamedEntryByEntry() throws IOException {
    List<ReadResult> expected = new ArrayList<>(subscribed("audience.zip!" + SUB));
    expected.addAll(UNSUBSCRIBED);
    expected.addAll(CLEANED);
    assertEquals(expected, ReadAll.of(MailchimpAudienceReader.open(new ByteArrayInputStream(zip()), "audience.zip")));
  }

  @Test
  void detectsTheZipAndEachFile() throws IOException {
    assertEquals(Optional.of(Format.MAILCHIMP_AUDIENCE), Format.detect(Arrays.copyOf(zip(), 8192)));
    for (String name : List.of(SUB, UNSUB, CLEAN)) {
      assertEquals(Optional.of(Format.MAILCHIMP_AUDIENCE), Format.detect(ReadAll.head("mailchimp-audience/" + name)), name);
    }
  }
}
