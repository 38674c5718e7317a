package dev.starling.connectors.ses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.starling.connectors.BounceKind;
import dev.starling.connectors.Event;
import dev.starling.connectors.EventType;
import dev.starling.connectors.MessageRef;
import dev.starling.connectors.ReadResult;
import dev.starling.connectors.SmtpStatus;
import dev.starling.connectors.Subscriber;
import dev.starling.connectors.bounce.BounceRules;
import dev.starling.connectors.json.Json;
import dev.starling.connectors.json.JsonEventReader;
import dev.starling.connectors.json.JsonRecord;
import dev.starling.connectors.json.JsonRecords;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads Amazon SES events: event publishing records ({@code eventType}) and legacy feedback
 * notifications ({@code notificationType}), one per line (Firehose, raw SNS/SQS delivery) or as a JSON
 * array, each either bare or inside an SNS {@code Notification} envelope whose {@code Message} string
 * is decoded a second time (an EventBridge {@code detail} wrapper is unwrapped too).
 *
 * <p>One event per recipient: {@code Send} lists {@code mail.destination}, {@code Delivery}
 * {@code delivery.recipients}, {@code Bounce} and {@code Complaint} their recipient lists. SES does not
 * say who opened or clicked, so {@code Open}, {@code Click} and {@code Subscription} are attributed
 * only when {@code mail.destination} holds exactly one address; otherwise they are rejected with that
 * reason. Bounces are classed by {@link BounceRules} from each recipient's {@code status} and
 * {@code diagnosticCode} (kept on the event); where those say no more than the class digit, SES's own
 * type decides: {@code Permanent} = HARD, {@code Transient} {@code ContentRejected} and
 * {@code AttachmentRejected} = BLOCK, other {@code Transient} and {@code Undetermined} = SOFT. A
 * bounce or complaint with subtype {@code OnAccountSuppressionList} or {@code Suppressed} is rejected:
 * SES did not attempt delivery to an address it already suppresses, so it is not a new bounce (like
 * SendGrid {@code dropped}). {@code Subscription} with {@code unsubscribeAll} or any topic changed to
 * {@code OptOut} is an UNSUBSCRIBE. {@code Reject}, {@code DeliveryDelay} and {@code Rendering Failure}
 * are rejected with a reason: Starling does not model them.
 *
 * <p>SES has no event id. The provider event id is the composite
 * {@code messageId/eventType/recipient/epochMillis}, so the copies SNS retries or a second destination
 * deliver dedupe, and a legacy notification and its event-publishing twin share a key. The campaign is
 * the message tag {@code campaign} (else {@code campaign_id}); every event also carries the message's
 * {@code messageId}, {@code commonHeaders.subject} and send time ({@code mail.timestamp}), by which the
 * importer groups events that have no tag (legacy notifications never do). A record without its own
 * time takes the SNS envelope's {@code Timestamp}. No machine flag: SES says nothing about machine opens.
 */
public final class SesReader extends JsonEventReader {

  static final String PROVIDER = "ses";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  public SesReader(InputStream in, String source) throws IOException {
    super(JsonRecords.open(in, source, Set.of()), source);
  }

  /** Whether a file head looks like SES events, bare or inside SNS envelopes. */
  public static boolean looksLikeSes(String head) {
    return Json.headHasKeys(head, "eventType", "mail")
        || Json.headHasKeys(head, "notificationType", "mail");
  }

  @Override
  protected void convert(JsonRecord record, Consumer<ReadResult> out) {
    String envelopeTime = record.node().has("Type") ? Json.text(record.node(), "Timestamp") : null;
    JsonNode e = unwrap(record.node());
    if (e == null) {
      out.accept(record.reject(source, "SNS message of Type '" + Json.text(record.node(), "Type")
          + "' is not an SES event (only 'Notification' messages carry events)"));
      return;
    }
    String name = Json.text(e, "eventType");
    if (name == null) {
      name = Json.text(e, "notificationType");
    }
    if (name == null) {
      throw new IllegalArgumentException("field 'eventType' (or legacy 'notificationType') is missing");
    }
    JsonNode mail = e.path("mail");
    if (!mail.isObject()) {
      throw new IllegalArgumentException("field 'mail' is missing (every SES event has one)");
    }
    String campaign = Json.first(mail, "tags", "campaign");
    if (campaign == null) {
      campaign = Json.first(mail, "tags", "campaign_id");
    }
    String messageId = Json.text(mail, "messageId");
    Long sentAt = Json.text(mail, "timestamp") == null ? null : Json.time(mail, "timestamp");
    MessageRef ref = new MessageRef(messageId, null, Json.text(mail, "commonHeaders", "subject"), sentAt);
    Context c = new Context(record, name, campaign, messageId, ref, envelopeTime, out);
    switch (name) {
      case "Send" -> {
        long at = c.time(mail, "timestamp");
        for (String to : strings(mail.path("destination"))) {
          c.emit(EventType.SEND, to, at, null, null, null, null, null, null);
        }
      }
      case "Delivery" -> {
        JsonNode d = e.path("delivery");
        long at = c.time(d, "timestamp");
        for (String to : strings(d.path("recipients"))) {
          c.emit(EventType.DELIVERY, to, at, null, null, null, null, null, null);
        }
      }
      case "Open", "Click" -> {
        boolean open = name.equals("Open");
        JsonNode o = e.path(open ? "open" : "click");
        String to = soleRecipient(mail, name);
        c.emit(open ? EventType.OPEN : EventType.CLICK, to, c.time(o, "timestamp"), Json.text(o, "userAgent"),
            Json.text(o, "ipAddress"), open ? null : Json.text(o, "link"), null, null, null);
      }
      case "Bounce" -> {
        JsonNode b = e.path("bounce");
        String bounceType = Json.text(b, "bounceType");
        String subType = Json.text(b, "bounceSubType");
        if ("OnAccountSuppressionList".equals(subType) || "Suppressed".equals(subType)) {
          out.accept(record.reject(source, "Bounce with bounceSubType '" + subType + "' is not imported: SES did "
              + "not attempt delivery to an address on a suppression list, so it is not a new bounce"));
          return;
        }
        BounceKind kind = switch (bounceType == null ? "" : bounceType) {
          case "Permanent" -> BounceKind.HARD;
          case "Transient" -> "ContentRejected".equals(subType) || "AttachmentRejected".equals(subType)
              ? BounceKind.BLOCK : BounceKind.SOFT;
          case "Undetermined" -> BounceKind.SOFT;
          default -> throw new IllegalArgumentException(
              "bounce field 'bounceType' must be Permanent, Transient or Undetermined but was '" + bounceType + "'");
        };
        long at = c.time(b, "timestamp");
        for (JsonNode r : b.path("bouncedRecipients")) {
          String diag = Json.text(r, "diagnosticCode");
          String detail = bounceType + (subType == null ? "" : "/" + subType) + (diag == null ? "" : ": " + diag);
          String text = diag == null ? null : diag.replaceFirst("^\\s*[A-Za-z-]+;\\s*", "");
          SmtpStatus smtp = SmtpStatus.of(Json.text(r, "status"), text);
          c.emit(EventType.BOUNCE, Json.text(r, "emailAddress"), at, null, null, null,
              BounceRules.standard().classify(smtp, text, kind), detail, smtp);
        }
      }
      case "Complaint" -> {
        JsonNode p = e.path("complaint");
        String subType = Json.text(p, "complaintSubType");
        if (subType != null) {
          out.accept(record.reject(source, "Complaint with complaintSubType '" + subType + "' is not imported: SES "
              + "did not send to an address on a suppression list, so nobody complained"));
          return;
        }
        long at = c.time(p, "timestamp");
        for (JsonNode r : p.path("complainedRecipients")) {
          c.emit(EventType.COMPLAINT, Json.text(r, "emailAddress"), at, Json.text(p, "userAgent"), null, null, null,
              Json.text(p, "complaintFeedbackType"), null);
        }
      }
      case "Subscription" -> {
        JsonNode s = e.path("subscription");
        String optedOut = optOut(s.path("newTopicPreferences"));
        if (optedOut == null) {
          out.accept(record.reject(source, "Subscription change is not imported: it opts out of nothing "
              + "(unsubscribeAll is false and no topic is OptOut)"));
          return;
        }
        String to = soleRecipient(mail, name);
        c.emit(EventType.UNSUBSCRIBE, to, c.time(s, "timestamp"), null, null, null, null, optedOut, null);
      }
      case "Reject" -> out.accept(record.reject(source, "event 'Reject' is not imported: SES refused the whole "
          + "message before sending (reason: " + Json.text(e, "reject", "reason") + ")"));
      case "DeliveryDelay" -> out.accept(record.reject(source, "event 'DeliveryDelay' is not imported (temporary "
          + "delivery delay: " + Json.text(e, "deliveryDelay", "delayType") + ")"));
      case "Rendering Failure" -> out.accept(record.reject(source, "event 'Rendering Failure' is not imported: the "
          + "template failed to render, so nothing was sent (" + Json.text(e, "failure", "errorMessage") + ")"));
      default -> throw new IllegalArgumentException("eventType must be one of Send, Delivery, Open, Click, Bounce, "
          + "Complaint, Subscription, Reject, DeliveryDelay, Rendering Failure but was '" + name + "'");
    }
  }

  /** The SES record inside an SNS envelope or EventBridge event, the record itself, or null for other SNS types. */
  private static JsonNode unwrap(JsonNode n) {
    if (n.has("Type") && n.has("Message")) {
      if (!"Notification".equals(Json.text(n, "Type"))) {
        return null;
      }
      JsonNode m = n.path("Message");
      if (m.isObject()) {
        return m;
      }
      try {
        JsonNode inner = MAPPER.readTree(m.asText());
        if (!inner.isObject()) {
          throw new IllegalArgumentException("SNS field 'Message' must hold an SES event object but held "
              + inner.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        return inner;
      } catch (IOException e) {
        throw new IllegalArgumentException("SNS field 'Message' is not valid JSON: "
            + e.getMessage().lines().findFirst().orElse(""), e);
      }
    }
    if (n.path("detail").isObject() && !n.has("eventType") && !n.has("notificationType")) {
      return n.path("detail");
    }
    return n;
  }

  private static String soleRecipient(JsonNode mail, String name) {
    List<String> to = strings(mail.path("destination"));
    if (to.size() != 1) {
      throw new IllegalArgumentException(name + " event cannot be attributed to a recipient: the message went to "
          + to.size() + " addresses (mail.destination) and SES does not say which one acted");
    }
    return to.get(0);
  }

  /** What {@code prefs} opts out of, as a detail text, or null when nothing. */
  private static String optOut(JsonNode prefs) {
    if (Boolean.TRUE.equals(Json.bool(prefs, "unsubscribeAll"))) {
      return "unsubscribed from all topics";
    }
    List<String> topics = new ArrayList<>();
    for (JsonNode t : prefs.path("topicSubscriptionStatus")) {
      if ("OptOut".equals(Json.text(t, "subscriptionStatus"))) {
        topics.add(Json.text(t, "topicName"));
      }
    }
    return topics.isEmpty() ? null : "opted out of topic " + String.join(", ", topics);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    for (JsonNode s : array) {
      out.add(s.asText());
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("the event lists no recipients");
    }
    return out;
  }

  /** What every event of one SES record shares. */
  private final class Context {
    final JsonRecord record;
    final String name;
    final String campaign;
    final String messageId;
    final MessageRef ref;
    final String envelopeTime;
    final Consumer<ReadResult> out;

    Context(JsonRecord record, String name, String campaign, String messageId, MessageRef ref, String envelopeTime,
        Consumer<ReadResult> out) {
      this.record = record;
      this.name = name;
      this.campaign = campaign;
      this.messageId = messageId;
      this.ref = ref;
      this.envelopeTime = envelopeTime;
      this.out = out;
    }

    /** The record's own time field, else the SNS envelope's {@code Timestamp}. */
    long time(JsonNode node, String field) {
      if (Json.text(node, field) == null && envelopeTime != null) {
        return dev.starling.connectors.Times.parseMillis(envelopeTime);
      }
      return Json.time(node, field);
    }

    void emit(EventType type, String to, long at, String agent, String ip, String url, BounceKind kind, String detail,
        SmtpStatus smtp) {
      out.accept(attempt(record, () -> {
        String email = Subscriber.normalizeEmail(to);
        String id = messageId == null ? null : messageId + "/" + name + "/" + email + "/" + at;
        return new Event(type, email, campaign, at, PROVIDER, id, agent, ip, url, kind, null, detail, smtp, ref);
      }));
    }
  }
}
