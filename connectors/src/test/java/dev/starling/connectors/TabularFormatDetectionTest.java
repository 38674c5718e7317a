package dev.starling.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Format.detect picks the tabular and bounce-mail formats for their samples, and leaves Starling's CSV alone. */
class TabularFormatDetectionTest {

  @ParameterizedTest
  @CsvSource({
      "spreadsheet/socios-bom.csv, SPREADSHEET",
      "spreadsheet/windows-1252.csv, SPREADSHEET",
      "spreadsheet/english-comma.csv, SPREADSHEET",
      "spreadsheet/tab-separated.tsv, SPREADSHEET",
      "mailchimp-audience/subscribed_members_export_4f1d2e3a5b.csv, MAILCHIMP_AUDIENCE",
      "mailchimp-audience/unsubscribed_members_export_4f1d2e3a5b.csv, MAILCHIMP_AUDIENCE",
      "mailchimp-audience/cleaned_members_export_4f1d2e3a5b.csv, MAILCHIMP_AUDIENCE",
      "listmonk/subscribers-export.csv, LISTMONK",
      "listmonk/import.csv, LISTMONK",
      "listmonk/campaign_views_with_email.csv, LISTMONK",
      "listmonk/link_clicks_with_email.csv, LISTMONK",
      "mautic/contacts_export_2025_02_14_10_00_00.csv, MAUTIC",
      "mautic/email_stats.csv, MAUTIC",
      "dsn/hard-5.1.1.eml, DSN",
      "dsn/soft-4.2.2.eml, DSN",
      "dsn/no-campaign.eml, DSN",
      "dsn/bounces.mbox, DSN",
  })
  void detectsEachSample(String path, Format expected) {
    assertEquals(Optional.of(expected), Format.detect(ReadAll.head(path)), path);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "email,first_name,last_name,company,country,created_at,tags,status\na@b.es,A,,,,,,\n",
      "type,email,campaign_id,at\nopen,a@b.es,c1,2025-01-01T00:00:00Z\n",
      "email\na@b.es\n",
  })
  void starlingCanonicalCsvStaysStarlings(String text) {
    assertFalse(Format.SPREADSHEET.sniff(text));
    assertEquals(Optional.of(Format.STARLING_CSV), Format.detect(text.getBytes(StandardCharsets.UTF_8)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "hello world\n", "Nombre;Teléfono\nJosé;600\n"})
  void unrelatedTextIsNotClaimed(String text) {
    assertEquals(Optional.empty(), Format.detect(text.getBytes(StandardCharsets.UTF_8)));
  }
}
