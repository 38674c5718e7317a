package dev.starling.connectors.postmark;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads Postmark webhook bodies, one JSON object per line (or pretty-printed, or in a JSON array),
 * told apart by {@code RecordType}.
 *
 * <p>Mapping: {@code Delivery} → DELIVERY, {@code Open} → OPEN, {@code Click} → CLICK
 * ({@code OriginalLink}), {@code SpamComplaint} → COMPLAINT, {@code Bounce} classed by {@link BounceRules}
 * from {@code Details} (else {@code Description}) where that says more than a class digit, else by
 * {@code Type}: {@code HardBounce} and {@code BadEmailAddress} = HARD; {@code SoftBounce},
 * {@code Transient} and {@code DnsError} = SOFT; {@code Blocked}, {@code ContentRelated},
 * {@code SpamNotification}, {@code VirusNotification} and {@code DMARCPolicy} = BLOCK. A Bounce of
 * {@code Type} {@code SpamComplaint} = COMPLAINT, of {@code Type} {@code Unsubscribe} (the recipient's
 * unsubscribe request) = UNSUBSCRIBE; every other type ({@code AutoResponder}, {@code AddressChange},
 * {@code ChallengeVerification}, …) is not a delivery failure and is rejected with its type named. {@code SubscriptionChange} with
 * {@code SuppressSending: true}: {@code ManualSuppression} = UNSUBSCRIBE when the {@code Origin} is the
 * recipient (a suppression by the Customer or an Admin is the sender's decision, not an unsubscribe,
 * and is rejected), {@code HardBounce} = BOUNCE HARD, {@code SpamComplaint} = COMPLAINT;
 * {@code SuppressSending: false} is a reactivation and is rejected ("reactivation is not an event").
 *
 * <p>The recipient is {@code Email} on Bounce and SpamComplaint, {@code Recipient} elsewhere. The
 * campaign is {@code Tag}, else {@code Metadata.campaign_id}. Times have up to 7 fractional digits and
 * any offset; they are stored in UTC. Postmark has no event id (retries repost the same body), so the
 * provider event id is {@code RecordType/MessageID/recipient/epochMillis}, or {@code RecordType/ID} for
 * bounces, whose {@code ID} is Postmark's own. Postmark gives no machine-open verdict: the flag is null.
 */
public final class PostmarkReader extends JsonEventReader {

  static final String PROVIDER = "postmark";

  public PostmarkReader(InputStream in, String source) throws IOException {
    super(JsonRecords.open(in, source, Set.of()), source);
  }

  /** Whether a file head looks like Postmark webhook bodies. */
  public static boolean looksLikePostmark(String head) {
    return Json.headHasKeys(head, "RecordType", "MessageID")
        || Json.headHasKeys(head, "RecordType", "MessageStream");
  }

  @Override
  protected void convert(JsonRecord record, Consumer<ReadResult> out) {
    JsonNode e = record.node();
    String name = Json.text(e, "RecordType");
    if (name == null) {
      throw new IllegalArgumentException("field 'RecordType' is missing (is this an inbound message rather than a webhook?)");
    }
    String campaign = Json.text(e, "Tag");
    if (campaign == null) {
      campaign = Json.text(e, "Metadata", "campaign_id");
    }
    switch (name) {
      case "Delivery" -> out.accept(event(record, EventType.DELIVERY, "Recipient", "DeliveredAt", campaign, null, null));
      case "Open" -> out.accept(event(record, EventType.OPEN, "Recipient", "ReceivedAt", campaign, null, null));
      case "Click" -> out.accept(event(record, EventType.CLICK, "Recipient", "ReceivedAt", campaign, null, null));
      case "SpamComplaint" -> out.accept(event(record, EventType.COMPLAINT, "Email", "BouncedAt", campaign, null,
          Json.text(e, "Description")));
      case "Bounce" -> {
        String type = Json.text(e, "Type");
        String detail = Json.text(e, "Details") != null ? Json.text(e, "Details") : Json.text(e, "Description");
        BounceKind postmark = switch (type == null ? "" : type) {
          case "HardBounce", "BadEmailAddress" -> BounceKind.HARD;
          case "SoftBounce", "Transient", "DnsError" -> BounceKind.SOFT;
          case "Blocked", "ContentRelated", "SpamNotification", "VirusNotification", "DMARCPolicy" -> BounceKind.BLOCK;
          default -> null;
        };
        switch (type == null ? "" : type) {
          case "SpamComplaint" ->
              out.accept(event(record, EventType.COMPLAINT, "Email", "BouncedAt", campaign, null, detail));
          case "Unsubscribe" ->
              out.accept(event(record, EventType.UNSUBSCRIBE, "Email", "BouncedAt", campaign, null, "Unsubscribe request"));
          case "" -> throw new IllegalArgumentException("bounce field 'Type' is missing");
          default -> {
            if (postmark == null) {
              out.accept(record.reject(source, "Bounce of Type '" + type + "' is not imported: it is not a delivery "
                  + "failure (only HardBounce, BadEmailAddress, SoftBounce, Transient, DnsError, Blocked, ContentRelated, "
                  + "SpamNotification, VirusNotification and DMARCPolicy are)"));
              return;
            }
            String text = detail == null ? null : detail.replaceFirst("^\\s*[A-Za-z-]+;\\s*", "");
            SmtpStatus smtp = text == null ? null : SmtpStatus.of(null, text);
            out.accept(event(record, EventType.BOUNCE, "Email", "BouncedAt", campaign,
                BounceRules.standard().classify(smtp, text, postmark), detail, smtp));
          }
        }
      }
      case "SubscriptionChange" -> {
        Boolean suppress = Json.bool(e, "SuppressSending");
        if (suppress == null) {
          throw new IllegalArgumentException("field 'SuppressSending' is missing");
        }
        if (!suppress) {
          out.accept(record.reject(source, "SubscriptionChange with SuppressSending false is not imported: "
              + "reactivation is not an event"));
          return;
        }
        String reason = Json.text(e, "SuppressionReason");
        String origin = Json.text(e, "Origin");
        switch (reason == null ? "" : reason) {
          case "ManualSuppression" -> {
            if (origin != null && !origin.equals("Recipient")) {
              out.accept(record.reject(source, "SubscriptionChange ManualSuppression by Origin '" + origin + "' is not "
                  + "imported: the sender suppressed the address, the recipient did not unsubscribe"));
              return;
            }
            out.accept(event(record, EventType.UNSUBSCRIBE, "Recipient", "ChangedAt", campaign, null,
                "ManualSuppression"));
          }
          case "HardBounce" -> out.accept(event(record, EventType.BOUNCE, "Recipient", "ChangedAt", campaign,
              BounceKind.HARD, "HardBounce suppression"));
          case "SpamComplaint" -> out.accept(event(record, EventType.COMPLAINT, "Recipient", "ChangedAt", campaign,
              null, "SpamComplaint suppression"));
          default -> throw new IllegalArgumentException("SubscriptionChange field 'SuppressionReason' must be "
              + "ManualSuppression, HardBounce or SpamComplaint but was '" + reason + "'");
        }
      }
      default -> throw new IllegalArgumentException("RecordType must be one of Delivery, Bounce, SpamComplaint, "
          + "Open, Click, SubscriptionChange but was '" + name + "'");
    }
  }

  private ReadResult event(JsonRecord record, EventType type, String emailField, String timeField, String campaign,
      BounceKind kind, String detail) {
    return event(record, type, emailField, timeField, campaign, kind, detail, null);
  }

  private ReadResult event(JsonRecord record, EventType type, String emailField, String timeField, String campaign,
      BounceKind kind, String detail, SmtpStatus smtp) {
    JsonNode e = record.node();
    boolean engagement = type == EventType.OPEN || type == EventType.CLICK;
    MessageRef ref = campaign != null ? null : new MessageRef(Json.text(e, "MessageID"), null, Json.text(e, "Subject"), null);
    return attempt(record, () -> {
      if (campaign == null && ref.messageId() == null && type != EventType.UNSUBSCRIBE && type != EventType.COMPLAINT
          && type != EventType.BOUNCE) {
        throw new IllegalArgumentException("no campaign for this " + Json.text(e, "RecordType") + " record: expected "
            + "'Tag' or 'Metadata.campaign_id', or a 'MessageID' to group it by");
      }
      String email = Subscriber.normalizeEmail(Json.text(e, emailField));
      long at = Json.time(e, timeField);
      String recordType = Json.text(e, "RecordType");
      String bounceId = recordType.equals("Bounce") ? Json.text(e, "ID") : null;
      String messageId = Json.text(e, "MessageID");
      String id = bounceId != null ? recordType + "/" + bounceId
          : recordType + "/" + (messageId == null ? "-" : messageId) + "/" + email + "/" + at;
      return new Event(type, email, campaign, at, PROVIDER, id,
          engagement ? Json.text(e, "UserAgent") : null,
          engagement ? Json.text(e, "Geo", "IP") : null,
          type == EventType.CLICK ? Json.text(e, "OriginalLink") : null,
          kind, null, detail, smtp, ref);
    });
  }
}
