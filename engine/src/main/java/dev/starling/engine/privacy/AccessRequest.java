package dev.starling.engine.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.starling.engine.features.EngagementSettings;
import dev.starling.engine.features.SubscriberFeatures;
import dev.starling.engine.features.replay.ClassifiedEvents;
import dev.starling.engine.store.EventHistory;
import dev.starling.engine.store.FeatureTables;
import dev.starling.engine.store.PersonData;
import dev.starling.engine.store.Store;
import dev.starling.rules.Subject;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Everything the store holds about one person, as one JSON document (an access request): their list
 * data, features, every message, bounce, open and click (with the verdict and its reason), complaint and
 * unsubscribe, their leads with every step, the weeks a digest named them, and the rejected rows that
 * carry their address. Times are ISO-8601 UTC; a time that never happened is {@code null}.
 *
 * <p>Built as a tree, not by serialising records, so that the document's field names and order are a
 * stable, documented format (docs/privacy.md) that does not move when an internal record changes.
 */
public final class AccessRequest {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Store store;
  private final EngagementSettings settings;

  public AccessRequest(Store store, EngagementSettings settings) {
    this.store = store;
    this.settings = settings;
  }

  /**
   * The document for {@code email} (normalised), made {@code now}, or empty when the store has no
   * trace of the address.
   */
  public Optional<String> json(String email, long now) {
    PersonData data = new PersonData(store);
    FeatureTables features = new FeatureTables(store);
    EventHistory history = new EventHistory(store);
    ObjectNode doc = store.read(tx -> {
      Optional<PersonData.Person> person = data.person(email);
      List<PersonData.PersonLead> leads = data.leads(Subject.SUBSCRIBER, email);
      List<String> weeks = data.digestWeeks(email);
      List<PersonData.Rejected> rejected = data.rejections(email);
      if (person.isEmpty() && leads.isEmpty() && weeks.isEmpty() && rejected.isEmpty()) {
        return null;
      }
      ObjectNode root = JSON.createObjectNode();
      root.put("email", email);
      root.put("exported_at", Instant.ofEpochMilli(now).toString());
      if (person.isPresent()) {
        PersonData.Person p = person.get();
        root.set("subscriber", subscriber(p));
        root.set("features", features.subscriber(email).map(AccessRequest::features).orElse(null));
        root.set("messages", messages(data.messages(p.id())));
        root.set("bounces", bounces(data.bounces(p.id())));
        root.set("opens_and_clicks", events(ClassifiedEvents.of(history, email, settings)));
        root.set("complaints_and_unsubscribes", removals(data.removals(p.id())));
      } else {
        root.putNull("subscriber");
        root.putNull("features");
        for (String empty : List.of("messages", "bounces", "opens_and_clicks", "complaints_and_unsubscribes")) {
          root.putArray(empty);
        }
      }
      root.set("leads", leads(leads));
      ArrayNode w = root.putArray("digest_weeks");
      weeks.forEach(w::add);
      ArrayNode rj = root.putArray("rejected_rows");
      for (PersonData.Rejected r : rejected) {
        ObjectNode o = rj.addObject();
        o.put("import", r.importId());
        o.put("line", r.line());
        o.put("reason", r.reason());
        o.put("raw", r.raw());
      }
      return root;
    });
    if (doc == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.writeValueAsString(doc) + "\n");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  private static ObjectNode subscriber(PersonData.Person p) {
    ObjectNode o = JSON.createObjectNode();
    o.put("email", p.email());
    o.put("first_name", p.firstName());
    o.put("last_name", p.lastName());
    o.put("company", p.company());
    o.put("domain", p.domain());
    o.put("country", p.country());
    ArrayNode tags = o.putArray("tags");
    p.tags().forEach(tags::add);
    o.put("joined", time(p.createdAt()));
    o.put("list_status", p.listStatus());
    o.put("on_list", p.onList());
    return o;
  }

  /** Every feature under its stored name; enums as their codes, times as ISO-8601 (null when never). */
  private static ObjectNode features(SubscriberFeatures f) {
    ObjectNode o = JSON.createObjectNode();
    for (RecordComponent rc : SubscriberFeatures.class.getRecordComponents()) {
      String name = rc.getName().replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
      if (name.equals("email") || name.equals("domain") || name.equals("company")) {
        continue; // in "subscriber"
      }
      Object v;
      try {
        v = rc.getAccessor().invoke(f);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read feature " + name, e);
      }
      if (v instanceof Long l) {
        o.put(name, time(l)); // every long feature is a time
      } else if (v instanceof Integer i) {
        o.put(name, i);
      } else if (v instanceof Double d) {
        o.put(name, d);
      } else if (v instanceof Boolean b) {
        o.put(name, b);
      } else if (v instanceof Enum<?> e) {
        o.put(name, e.name().toLowerCase(Locale.ROOT));
      } else if (v instanceof List<?> list) {
        ArrayNode a = o.putArray(name);
        list.forEach(x -> a.add(String.valueOf(x)));
      } else {
        o.put(name, (String) v);
      }
    }
    return o;
  }

  private static ArrayNode messages(List<PersonData.Message> messages) {
    ArrayNode a = JSON.createArrayNode();
    for (PersonData.Message m : messages) {
      ObjectNode o = a.addObject();
      o.put("campaign", m.campaign());
      o.put("campaign_name", m.campaignName());
      o.put("list", m.list());
      o.put("sent_at", time(m.sentAt()));
      o.put("delivered_at", time(m.deliveredAt()));
      o.put("bounced_at", time(m.bouncedAt()));
    }
    return a;
  }

  private static ArrayNode bounces(List<PersonData.Bounce> bounces) {
    ArrayNode a = JSON.createArrayNode();
    for (PersonData.Bounce b : bounces) {
      ObjectNode o = a.addObject();
      o.put("campaign", b.campaign());
      o.put("at", time(b.at()));
      o.put("class", b.kind().name().toLowerCase(Locale.ROOT));
      o.put("status", b.status());
      o.put("reply_code", b.replyCode());
      o.put("diagnostic", b.diagnostic());
      o.put("source", b.source());
    }
    return a;
  }

  private static ArrayNode events(List<ClassifiedEvents.Row> events) {
    ArrayNode a = JSON.createArrayNode();
    for (ClassifiedEvents.Row e : events) {
      ObjectNode o = a.addObject();
      o.put("campaign", e.campaign());
      o.put("at", time(e.at()));
      o.put("type", e.type().canonicalName());
      o.put("verdict", e.kind().name().toLowerCase(Locale.ROOT));
      o.put("reason", e.reason());
      o.put("agent", e.agent());
      o.put("ip", e.ip());
      o.put("url", e.url());
    }
    return a;
  }

  private static ArrayNode removals(List<PersonData.Removal> removals) {
    ArrayNode a = JSON.createArrayNode();
    for (PersonData.Removal r : removals) {
      ObjectNode o = a.addObject();
      o.put("campaign", r.campaign());
      o.put("at", time(r.at()));
      o.put("type", r.type().canonicalName());
      o.put("detail", r.detail());
    }
    return a;
  }

  private static ArrayNode leads(List<PersonData.PersonLead> leads) {
    ArrayNode a = JSON.createArrayNode();
    for (PersonData.PersonLead l : leads) {
      ObjectNode o = a.addObject();
      o.put("id", l.id());
      o.put("week", l.week());
      o.put("rule", l.ruleId());
      o.put("priority", l.priority());
      o.put("reason", l.reason());
      o.put("status", l.status().code());
      o.put("suggested_at", time(l.suggestedAt()));
      ArrayNode steps = o.putArray("history");
      for (PersonData.Step s : l.steps()) {
        ObjectNode st = steps.addObject();
        st.put("at", time(s.at()));
        st.put("from", s.from() == null ? null : s.from().code());
        st.put("to", s.to().code());
        st.put("by", s.by());
        st.put("reason", s.reason());
        st.put("note", s.note());
      }
    }
    return a;
  }

  private static String time(long millis) {
    return millis == 0 ? null : Instant.ofEpochMilli(millis).toString();
  }
}
