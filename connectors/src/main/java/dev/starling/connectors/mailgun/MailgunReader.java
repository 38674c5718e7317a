package dev.starling.connectors.mailgun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * Reads Mailgun events: Events API pages ({@code {"items":[…],"paging":{…}}}), webhook bodies
 * ({@code {"signature":…,"event-data":{…}}}) and bare event objects, one per line, pretty-printed, or in
 * a JSON array. Items of a page are numbered "items element N" in rejections.
 *
 * <p>Mapping: {@code accepted} → SEND, {@code delivered} → DELIVERY, {@code opened} → OPEN,
 * {@code clicked} → CLICK, {@code unsubscribed} → UNSUBSCRIBE, {@code complained} → COMPLAINT,
 * {@code failed} with {@code severity: permanent} → BOUNCE, classed by {@link BounceRules} from
 * {@code delivery-status} ({@code code}, {@code enhanced-code}, {@code message}; all kept), HARD when
 * they say no more than the class digit. Rejected with a reason instead:
 * {@code failed} with {@code severity: temporary} (Mailgun retries; like SendGrid {@code deferred} it
 * is a delay, not a bounce), {@code failed} with a {@code suppress-*} reason (Mailgun refused to send to
 * an address it already suppresses: not a new bounce), {@code rejected} and {@code stored}.
 *
 * <p>Machine flag from {@code client-info.bot}: {@code apple}, {@code generic} or any other bot name =
 * machine; {@code ""} = human (Mailgun looked and found no bot); absent = unknown. <b>{@code gmail} is
 * taken as human</b>: the Gmail image proxy fetches the pixel when the person opens the message (FORMATS
 * pitfall 5, and SendGrid's same policy for GoogleImageProxy), so it is a real open without device data.
 *
 * <p>Campaign: {@code user-variables.campaign_id} (the variables may also arrive as a JSON-encoded
 * string), else the first tag; an event with neither keeps {@code message.headers.message-id} (one for
 * a whole batch send) and {@code message.headers.subject}, by which the importer groups it. The provider
 * event id is {@code id/epochMillis}: Mailgun ids are unique only within a day. Timestamps are float
 * epoch seconds.
 */
public final class MailgunReader extends JsonEventReader {

  static final String PROVIDER = "mailgun";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  public MailgunReader(InputStream in, String source) throws IOException {
    super(JsonRecords.open(in, source, Set.of("items")), source);
  }

  /** Whether a file head looks like Mailgun events: webhook bodies, API pages, or bare events. */
  public static boolean looksLikeMailgun(String head) {
    return Json.headHasKeys(head, "signature", "event-data")
        || Json.headHasKeys(head, "items", "paging")
        || Json.headHasKeys(head, "event", "log-level", "recipient");
  }

  @Override
  protected void convert(JsonRecord record, Consumer<ReadResult> out) {
    JsonNode e = record.node().path("event-data").isObject() ? record.node().path("event-data") : record.node();
    String name = Json.text(e, "event");
    if (name == null) {
      throw new IllegalArgumentException("field 'event' is missing");
    }
    EventType type;
    BounceKind kind = null;
    String detail = null;
    SmtpStatus smtp = null;
    switch (name) {
      case "accepted" -> type = EventType.SEND;
      case "delivered" -> type = EventType.DELIVERY;
      case "opened" -> type = EventType.OPEN;
      case "clicked" -> type = EventType.CLICK;
      case "unsubscribed" -> type = EventType.UNSUBSCRIBE;
      case "complained" -> type = EventType.COMPLAINT;
      case "failed" -> {
        String severity = Json.text(e, "severity");
        String reason = Json.text(e, "reason");
        if ("temporary".equals(severity)) {
          out.accept(record.reject(source, "event 'failed' with severity 'temporary' is not imported (Mailgun will "
              + "retry delivery; only permanent failures are bounces)"));
          return;
        }
        if (!"permanent".equals(severity)) {
          throw new IllegalArgumentException("failed event field 'severity' must be permanent or temporary but was '"
              + severity + "'");
        }
        if (reason != null && reason.startsWith("suppress-")) {
          out.accept(record.reject(source, "event 'failed' with reason '" + reason + "' is not imported: Mailgun "
              + "did not attempt delivery to a suppressed address, so it is not a new bounce"));
          return;
        }
        type = EventType.BOUNCE;
        detail = Json.text(e, "delivery-status", "message");
        if (detail == null) {
          detail = Json.text(e, "delivery-status", "description");
        }
        smtp = codes(e.path("delivery-status"), detail);
        kind = BounceRules.standard().classify(smtp, detail, BounceKind.HARD);
        if (detail == null) {
          detail = reason;
        }
      }
      case "rejected" -> {
        out.accept(record.reject(source, "event 'rejected' is not imported: Mailgun refused the message before "
            + "sending (" + Json.text(e, "reject", "reason") + ")"));
        return;
      }
      case "stored" -> {
        out.accept(record.reject(source, "event 'stored' is not imported (an inbound message, not a recipient event)"));
        return;
      }
      default -> throw new IllegalArgumentException("event must be one of accepted, delivered, opened, clicked, "
          + "unsubscribed, complained, failed, rejected, stored but was '" + name + "'");
    }
    String campaign = campaign(e);
    MessageRef ref = campaign != null ? null
        : new MessageRef(Json.text(e, "message", "headers", "message-id"), null,
            Json.text(e, "message", "headers", "subject"), null);
    if (campaign == null && ref.messageId() == null && ref.subject() == null && type != EventType.UNSUBSCRIBE
        && type != EventType.COMPLAINT && type != EventType.BOUNCE) {
      throw new IllegalArgumentException("no campaign for this " + name + " event: expected "
          + "'user-variables.campaign_id' or a tag, or a 'message.headers.message-id' to group it by");
    }
    boolean engagement = type == EventType.OPEN || type == EventType.CLICK;
    long at = Json.time(e, "timestamp");
    String id = Json.text(e, "id");
    EventType t = type;
    BounceKind k = kind;
    String d = detail;
    SmtpStatus codes = smtp;
    out.accept(attempt(record, () -> new Event(
        t,
        Json.text(e, "recipient"),
        campaign,
        at,
        PROVIDER,
        id == null ? null : id + "/" + at,
        engagement ? Json.text(e, "client-info", "user-agent") : null,
        engagement ? Json.text(e, "ip") : null,
        t == EventType.CLICK ? Json.text(e, "url") : null,
        k,
        engagement ? machine(e.path("client-info").path("bot")) : null,
        d,
        codes,
        ref)));
  }

  /** The codes of a {@code delivery-status}: {@code enhanced-code} or the one in the message, and {@code code}. */
  private static SmtpStatus codes(JsonNode status, String text) {
    SmtpStatus found = SmtpStatus.of(Json.text(status, "enhanced-code"), text);
    String code = Json.text(status, "code");
    Integer reply = code != null && code.matches("[245]\\d\\d") ? Integer.valueOf(code) : null;
    if (reply == null || found != null && found.reply() != null) {
      return found;
    }
    return new SmtpStatus(found == null ? null : found.enhanced(), reply);
  }

  /** Mailgun's bot verdict as a machine flag; see the class comment for {@code gmail}. */
  static Boolean machine(JsonNode bot) {
    if (bot.isMissingNode() || bot.isNull()) {
      return null;
    }
    String b = bot.asText().strip();
    return !b.isEmpty() && !b.equalsIgnoreCase("gmail");
  }

  private static String campaign(JsonNode e) {
    JsonNode vars = e.path("user-variables");
    if (vars.isTextual() && vars.asText().strip().startsWith("{")) {
      try {
        vars = MAPPER.readTree(vars.asText());
      } catch (IOException ex) {
        throw new IllegalArgumentException("field 'user-variables' is a string but not valid JSON: " + vars.asText(), ex);
      }
    }
    String id = vars.isObject() ? Json.text(vars, "campaign_id") : null;
    return id != null ? id : Json.first(e, "tags");
  }
}
