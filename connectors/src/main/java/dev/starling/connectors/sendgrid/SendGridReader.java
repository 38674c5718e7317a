package dev.starling.connectors.sendgrid;

import com.fasterxml.jackson.databind.JsonNode;
import dev.starling.connectors.BounceKind;
import dev.starling.connectors.Event;
import dev.starling.connectors.EventType;
import dev.starling.connectors.MessageRef;
import dev.starling.connectors.ReadResult;
import dev.starling.connectors.SmtpStatus;
import dev.starling.connectors.bounce.BounceRules;
import dev.starling.connectors.json.Json;
import dev.starling.connectors.json.JsonEventReader;
import dev.starling.connectors.json.JsonRecord;
import dev.starling.connectors.json.JsonRecords;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads SendGrid Event Webhook payloads: a JSON array of events (one POST body), or one event per line
 * (NDJSON, as webhook receivers log them); a line may also hold a whole POST body array.
 *
 * <p>Mapping: {@code processed} → SEND, {@code delivered} → DELIVERY, {@code open} → OPEN,
 * {@code click} → CLICK, {@code bounce} → BOUNCE (classed by {@link BounceRules} from {@code status}
 * and {@code reason}, both kept; where they say no more than the class digit, SendGrid's
 * {@code bounce_classification} decides (Invalid Address = HARD; Technical, Mailbox Unavailable = SOFT;
 * Content, Reputation, Frequency or Volume = BLOCK), else its {@code type}: {@code bounce} = HARD,
 * {@code blocked} = BLOCK; without either, a 4.x.x {@code status} = SOFT, else HARD), {@code spamreport} →
 * COMPLAINT, {@code unsubscribe} and {@code group_unsubscribe} → UNSUBSCRIBE (the group one with
 * detail "suppression group N only").
 *
 * <p>Known types Starling does not model are <em>rejections with a reason</em>, never silently skipped,
 * so an import summary accounts for every event: {@code dropped} (SendGrid never attempted delivery:
 * neither a send nor a bounce), {@code deferred} (a temporary delay that later ends in delivered or
 * bounce), {@code group_resubscribe}.
 *
 * <p>Fields: {@code sg_event_id} is the provider event id (retries repeat it); {@code sg_machine_open}
 * is the machine flag of opens ({@code null} when absent, as on old events); user agent and IP are kept
 * for opens and clicks only (on other events {@code ip} is SendGrid's sending IP); the campaign is the
 * {@code campaign_id} custom arg, else {@code marketing_campaign_id}, else {@code singlesend_id}, else
 * the first {@code category}; {@code timestamp} is epoch seconds as a number or a string. An event with
 * none of these keeps its {@code sg_message_id}, whose part before the first dot is the id of the send
 * request it came from (the batch): the importer groups such events by it. Detected by {@code event}
 * with {@code sg_event_id}, {@code sg_message_id}, {@code smtp-id}, or {@code email} and
 * {@code timestamp} (older and hand-exported events carry no ids).
 */
public final class SendGridReader extends JsonEventReader {

  static final String PROVIDER = "sendgrid";

  public SendGridReader(InputStream in, String source) throws IOException {
    super(JsonRecords.open(in, source, Set.of()), source);
  }

  /** Whether a file head looks like SendGrid webhook JSON: its events carry SendGrid's own keys. */
  public static boolean looksLikeSendGrid(String head) {
    return Json.headHasKeys(head, "event", "sg_event_id")
        || Json.headHasKeys(head, "event", "sg_message_id")
        || Json.headHasKeys(head, "event", "smtp-id")
        || Json.headHasKeys(head, "event", "email", "timestamp");
  }

  @Override
  protected void convert(JsonRecord record, Consumer<ReadResult> out) {
    JsonNode e = record.node();
    String name = Json.text(e, "event");
    if (name == null) {
      throw new IllegalArgumentException("field 'event' is missing");
    }
    EventType type;
    BounceKind kind = null;
    String detail = null;
    SmtpStatus smtp = null;
    switch (name) {
      case "processed" -> type = EventType.SEND;
      case "delivered" -> type = EventType.DELIVERY;
      case "open" -> type = EventType.OPEN;
      case "click" -> type = EventType.CLICK;
      case "bounce" -> {
        type = EventType.BOUNCE;
        detail = Json.text(e, "reason") != null ? Json.text(e, "reason") : Json.text(e, "status");
        smtp = SmtpStatus.of(Json.text(e, "status"), Json.text(e, "reason"));
        kind = BounceRules.standard().classify(smtp, Json.text(e, "reason"),
            bounceKind(Json.text(e, "bounce_classification"), Json.text(e, "type"), Json.text(e, "status")));
      }
      case "spamreport" -> type = EventType.COMPLAINT;
      case "unsubscribe" -> type = EventType.UNSUBSCRIBE;
      case "group_unsubscribe" -> {
        type = EventType.UNSUBSCRIBE;
        String group = Json.text(e, "asm_group_id");
        detail = group == null ? "suppression group only" : "suppression group " + group + " only";
      }
      case "dropped" -> {
        out.accept(record.reject(source, "event 'dropped' is not imported: SendGrid never attempted delivery"
            + reasonSuffix(Json.text(e, "reason"))));
        return;
      }
      case "deferred" -> {
        String attempt = Json.text(e, "attempt");
        out.accept(record.reject(source, "event 'deferred' is not imported (temporary delivery delay"
            + (attempt == null ? "" : ", attempt " + attempt) + ")"));
        return;
      }
      case "group_resubscribe" -> {
        out.accept(record.reject(source,
            "event 'group_resubscribe' is not imported (a resubscription is not an event Starling models)"));
        return;
      }
      default -> throw new IllegalArgumentException("event must be one of processed, delivered, open, click, "
          + "bounce, spamreport, unsubscribe, group_unsubscribe, dropped, deferred, group_resubscribe but was '"
          + name + "'");
    }
    String campaign = campaign(e);
    String messageId = Json.text(e, "sg_message_id");
    MessageRef ref = campaign != null || messageId == null ? null
        : new MessageRef(messageId, messageId.contains(".") ? messageId.substring(0, messageId.indexOf('.')) : messageId,
            null, null);
    if (campaign == null && ref == null && type != EventType.UNSUBSCRIBE && type != EventType.COMPLAINT
        && type != EventType.BOUNCE) {
      throw new IllegalArgumentException("no campaign for this " + name + " event: expected a 'campaign_id' "
          + "custom arg, 'marketing_campaign_id', 'singlesend_id' or a 'category', or an 'sg_message_id' to group it by");
    }
    boolean engagement = type == EventType.OPEN || type == EventType.CLICK;
    EventType t = type;
    BounceKind k = kind;
    String d = detail;
    SmtpStatus codes = smtp;
    out.accept(attempt(record, () -> new Event(
        t,
        Json.text(e, "email"),
        campaign,
        Json.time(e, "timestamp"),
        PROVIDER,
        Json.text(e, "sg_event_id"),
        engagement ? Json.text(e, "useragent") : null,
        engagement ? Json.text(e, "ip") : null,
        t == EventType.CLICK ? Json.text(e, "url") : null,
        k,
        t == EventType.OPEN ? Json.bool(e, "sg_machine_open") : null,
        d,
        codes,
        ref)));
  }

  private static String campaign(JsonNode e) {
    for (String key : new String[] {"campaign_id", "marketing_campaign_id", "singlesend_id"}) {
      String v = Json.text(e, key);
      if (v != null) {
        return v;
      }
    }
    return Json.first(e, "category");
  }

  /** SendGrid's own verdict: its classification, else its type, else the status class. */
  private static BounceKind bounceKind(String classification, String type, String status) {
    if (classification != null) {
      switch (classification) {
        case "Invalid Address" -> {
          return BounceKind.HARD;
        }
        case "Technical", "Mailbox Unavailable" -> {
          return BounceKind.SOFT;
        }
        case "Content", "Reputation", "Frequency or Volume" -> {
          return BounceKind.BLOCK;
        }
        default -> {
          // Unclassified, or a class SendGrid adds later: the type decides
        }
      }
    }
    if (type != null) {
      return switch (type) {
        case "bounce" -> BounceKind.HARD;
        case "blocked" -> BounceKind.BLOCK;
        default -> throw new IllegalArgumentException("bounce field 'type' must be bounce or blocked but was '" + type + "'");
      };
    }
    return status != null && status.startsWith("4") ? BounceKind.SOFT : BounceKind.HARD;
  }

  private static String reasonSuffix(String reason) {
    return reason == null ? "" : " (reason: " + reason + ")";
  }
}
