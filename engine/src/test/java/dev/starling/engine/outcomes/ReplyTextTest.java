package dev.starling.engine.outcomes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.starling.connectors.Rejection;
import dev.starling.engine.leads.LeadSettings;
import dev.starling.engine.leads.LeadStatus;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The reply format line by line, and what of a reply is not its own text. */
class ReplyTextTest {
  record Line(long line, Long id, LeadStatus status, String by, String note, String reason) {}

  static List<Line> read(String body, List<Rejection> rejections) {
    List<Outcome> outcomes = new ArrayList<>();
    ReplyText.read(body, "reply <1@x>", "Rita", LeadSettings.DEFAULTS, outcomes, rejections);
    return outcomes.stream().map(o -> new Line(o.line(), o.leadId(), o.status(), o.by(), o.note(), o.reason())).toList();
  }

  @ParameterizedTest
  // Not a text block: there, a line starting with # is a comment.
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "#123 won                             | 123 | WON       | -                   | -",
      "#123 ganado                          | 123 | WON       | -                   | -",
      "#123: Won - signed today             | 123 | WON       | signed today        | -",
      "# 124 reject not a fit               | 124 | REJECTED  | -                   | not a fit",
      "#124 rechazar no encaja, estudiante  | 124 | REJECTED  | estudiante          | not a fit",
      "#124 rechazado ya es cliente         | 124 | REJECTED  | -                   | already a customer",
      "#124 reject too pricey               | 124 | REJECTED  | too pricey          | -",
      "#125 contacted called on Tuesday     | 125 | CONTACTED | called on Tuesday   | -",
      "#125 contactado llamé el martes      | 125 | CONTACTED | llamé el martes     | -",
      "#126 ACEPTADA                        | 126 | ACCEPTED  | -                   | -",
      "#127 perdido                         | 127 | LOST      | -                   | -"})
  void oneLine(String text, long id, LeadStatus status, String note, String reason) {
    List<Rejection> rejections = new ArrayList<>();
    assertEquals(List.of(new Line(1, id, status, "Rita", note, reason)), read(text, rejections));
    assertEquals(List.of(), rejections);
  }

  @Test
  void quotedTextAfterASpanishHeaderAndOutlookBlocksAreNotRead() {
    List<Rejection> rejections = new ArrayList<>();
    assertEquals(List.of(new Line(2, 1L, LeadStatus.WON, "Rita", null, null)), read("""
        Hola,
        #1 ganado
        > #2 won
        El lun, 2 mar 2026 a las 8:00, Starling (<starling@example.com>) escribió:
        #3 won
        """, rejections));
    assertEquals(List.of(new Line(1, 1L, LeadStatus.LOST, "Rita", null, null)), read("""
        #1 lost
        -----Original Message-----
        From: Starling
        #2 won
        """, rejections));
    assertEquals(List.of(), rejections);
  }

  @Test
  void aLeadLineWithoutAStatusIsRefusedWithItsLine() {
    List<Rejection> rejections = new ArrayList<>();
    assertEquals(List.of(), read("Thanks!\n#12 maybe later\n#12\n", rejections));
    assertEquals(List.of(
        "reply <1@x>:2: must be '#ID STATUS [reason] [note]' with STATUS one of accepted, contacted, won, lost, rejected (or"
            + " aceptado, contactado, ganado, perdido, rechazado) but was '#12 maybe later'",
        "reply <1@x>:3: must be '#ID STATUS [reason] [note]' with STATUS one of accepted, contacted, won, lost, rejected (or"
            + " aceptado, contactado, ganado, perdido, rechazado) but was '#12'"),
        rejections.stream().map(Rejection::toString).toList());
  }

  @Test
  void anHtmlOnlyReplyIsReadWithoutItsBlockquote() throws Exception {
    MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
    MimeMultipart alt = new MimeMultipart("alternative");
    MimeBodyPart html = new MimeBodyPart();
    html.setContent("<div>#5 won&nbsp;signed</div><div>#6 reject not a fit</div><blockquote>#7 won</blockquote>",
        "text/html; charset=UTF-8");
    alt.addBodyPart(html);
    m.setContent(alt);
    m.saveChanges();
    List<Rejection> rejections = new ArrayList<>();
    assertEquals(List.of(new Line(1, 5L, LeadStatus.WON, "Rita", "signed", null),
        new Line(2, 6L, LeadStatus.REJECTED, "Rita", null, "not a fit")), read(DigestReplies.text(m), rejections));
  }
}
