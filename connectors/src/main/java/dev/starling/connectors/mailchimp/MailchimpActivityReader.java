package dev.starling.connectors.mailchimp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.starling.connectors.BounceKind;
import dev.starling.connectors.Event;
import dev.starling.connectors.EventType;
import dev.starling.connectors.ReadResult;
import dev.starling.connectors.Rejection;
import dev.starling.connectors.json.Json;
import dev.starling.connectors.json.JsonEventReader;
import dev.starling.connectors.json.JsonRecord;
import dev.starling.connectors.json.JsonRecords;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads Mailchimp's email-activity report ({@code GET /reports/{campaign_id}/email-activity}):
 * {@code {"emails":[{"campaign_id","email_address","activity":[…]}], "campaign_id", …}}. The
 * {@code emails} array is streamed element by element, so a report of any size reads in little memory;
 * several pages may follow one another in one file. Rejections name "emails element N".
 *
 * <p>Activities: {@code open} → OPEN, {@code click} → CLICK (with {@code url}), {@code bounce} →
 * BOUNCE with {@code type} {@code hard}/{@code soft}; {@code ip} is kept. Mailchimp gives no per-member
 * machine verdict (flag null) and no event id (content dedupe).
 *
 * <p><b>Each listed email also implies a SEND</b>: Mailchimp lists every recipient of the campaign.
 * The report carries no send time, so the SEND is dated at the recipient's earliest activity (the send
 * cannot have been later). A recipient with no activity cannot be dated: no SEND is invented for them,
 * and instead of one rejection per quiet recipient the reader ends with a single rejection that counts
 * them (its line is the first such element), so the import summary shows what was left out.
 *
 * <p>The campaign is the email's {@code campaign_id}, else the report's top-level one if it came
 * before the {@code emails} array (Mailchimp always sets both).
 */
public final class MailchimpActivityReader extends JsonEventReader {

  static final String PROVIDER = "mailchimp";

  private long quiet;
  private long firstQuiet;
  private String firstQuietEmail;

  public MailchimpActivityReader(InputStream in, String source) throws IOException {
    super(JsonRecords.streaming(in, source, Set.of("emails")), source);
  }

  /** Whether a file head looks like a Mailchimp email-activity report. */
  public static boolean looksLikeMailchimpActivity(String head) {
    return Json.headHasKeys(head, "emails", "email_address", "activity");
  }

  @Override
  protected void convert(JsonRecord record, Consumer<ReadResult> out) {
    JsonNode email = record.node();
    if (email == record.envelope()) {
      throw new IllegalArgumentException("has no 'emails' array (expected a Mailchimp email-activity report)");
    }
    String campaign = Json.text(email, "campaign_id");
    if (campaign == null) {
      campaign = Json.text(record.envelope(), "campaign_id");
    }
    if (campaign == null) {
      throw new IllegalArgumentException("field 'campaign_id' is missing (neither on the email nor before the "
          + "'emails' array)");
    }
    String address = Json.text(email, "email_address");
    JsonNode activity = email.path("activity");
    long earliest = Long.MAX_VALUE;
    for (JsonNode a : activity) {
      try {
        earliest = Math.min(earliest, Json.time(a, "timestamp"));
      } catch (IllegalArgumentException e) {
        // that activity is rejected below, with the message
      }
    }
    if (earliest == Long.MAX_VALUE) {
      if (quiet++ == 0) {
        firstQuiet = record.number();
        firstQuietEmail = address;
      }
    } else {
      long sentBy = earliest;
      String c = campaign;
      out.accept(attempt(record, () -> new Event(EventType.SEND, address, c, sentBy, PROVIDER, null, null, null, null,
          null, null, null)));
    }
    int i = 0;
    for (JsonNode a : activity) {
      i++;
      int n = i;
      String c = campaign;
      ReadResult r = attempt(record, () -> activity(a, address, c));
      if (r instanceof Rejection rej) {
        r = new Rejection(rej.source(), rej.line(), record.where() + ", activity " + n
            + rej.reason().substring(record.where().length()), a.toString());
      }
      out.accept(r);
    }
  }

  private static Event activity(JsonNode a, String address, String campaign) {
    String action = Json.text(a, "action");
    EventType type = switch (action == null ? "" : action) {
      case "open" -> EventType.OPEN;
      case "click" -> EventType.CLICK;
      case "bounce" -> EventType.BOUNCE;
      default -> throw new IllegalArgumentException("action must be open, click or bounce but was '" + action + "'");
    };
    BounceKind kind = null;
    if (type == EventType.BOUNCE) {
      String t = Json.text(a, "type");
      if (t == null) {
        throw new IllegalArgumentException("bounce field 'type' is missing (hard or soft)");
      }
      kind = BounceKind.parse(t);
    }
    return new Event(type, address, campaign, Json.time(a, "timestamp"), PROVIDER, null, null, Json.text(a, "ip"),
        type == EventType.CLICK ? Json.text(a, "url") : null, kind, null, null);
  }

  @Override
  protected void finish(Consumer<ReadResult> out) {
    if (quiet > 0) {
      out.accept(new Rejection(source, firstQuiet, quiet + (quiet == 1 ? " recipient has" : " recipients have")
          + " no activity (the first is emails element " + firstQuiet + ", " + firstQuietEmail + "): the report gives "
          + "no send time, so no SEND was imported for them", ""));
    }
  }
}
