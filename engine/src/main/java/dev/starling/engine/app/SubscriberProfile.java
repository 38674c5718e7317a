package dev.starling.engine.app;

import dev.starling.connectors.BounceKind;
import dev.starling.connectors.EventType;
import dev.starling.engine.features.SubscriberFeatures;
import dev.starling.engine.features.replay.ClassifiedEvents;
import dev.starling.engine.leads.FeatureBinding;
import dev.starling.engine.report.Column;
import dev.starling.engine.report.ColumnType;
import dev.starling.engine.report.Table;
import dev.starling.engine.store.PersonData;
import dev.starling.rules.FeatureSchema;
import dev.starling.rules.Subject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One person in full, as the tables of {@code starling subscriber}: who they are ({@code person}), their
 * status and why ({@code status}), their features as the rules see them ({@code features}, absent
 * before the person received anything), everything that happened to them in time order
 * ({@code timeline}: sends, deliveries, bounces with class and diagnostic, opens and clicks with the
 * human/machine verdict and its reason, complaints, unsubscribes and every step of their leads), and
 * their leads ({@code leads}).
 *
 * @param tables in the order above
 */
public record SubscriberProfile(String email, List<Table> tables) {
  public static final List<Column> FIELD_COLUMNS = List.of(Column.of("field", ColumnType.TEXT), Column.of("value", ColumnType.TEXT));
  public static final List<Column> STATUS_COLUMNS = List.of(
      Column.of("status", ColumnType.TEXT),
      Column.of("at", ColumnType.TIME),
      Column.of("campaign", ColumnType.TEXT),
      Column.of("detail", ColumnType.TEXT));
  public static final List<Column> TIMELINE_COLUMNS = List.of(
      Column.of("at", ColumnType.TIME),
      Column.of("campaign", ColumnType.TEXT),
      Column.of("event", ColumnType.TEXT),
      Column.of("verdict", ColumnType.TEXT),
      Column.of("reason", ColumnType.TEXT),
      Column.of("detail", ColumnType.TEXT));
  public static final List<Column> LEAD_COLUMNS = List.of(
      Column.of("id", ColumnType.INTEGER),
      Column.of("week", ColumnType.TEXT),
      Column.of("rule_id", ColumnType.TEXT),
      Column.of("priority", ColumnType.INTEGER),
      Column.of("status", ColumnType.TEXT),
      Column.of("reason", ColumnType.TEXT));

  public SubscriberProfile {
    tables = List.copyOf(tables);
  }

  /** What the store holds about one person, read in one unit of work. */
  record Facts(PersonData.Person person, Optional<SubscriberFeatures> features, List<PersonData.Message> messages,
      List<PersonData.Bounce> bounces, List<PersonData.Removal> removals, List<ClassifiedEvents.Row> events,
      List<PersonData.PersonLead> leads) {}

  static SubscriberProfile of(Facts f, FeatureSchema schema) {
    List<Table> tables = new ArrayList<>();
    tables.add(person(f));
    tables.add(status(f));
    f.features().ifPresent(sf -> tables.add(ExplainTables.features(schema.features(Subject.SUBSCRIBER),
        new FeatureBinding(schema).subscriber(sf))));
    tables.add(timeline(f));
    tables.add(leads(f.leads()));
    return new SubscriberProfile(f.person().email(), tables);
  }

  private static Table person(Facts f) {
    PersonData.Person p = f.person();
    Set<String> lists = new LinkedHashSet<>();
    f.messages().forEach(m -> {
      if (m.list() != null) {
        lists.add(m.list());
      }
    });
    List<Object[]> rows = new ArrayList<>();
    rows.add(new Object[] {"email", p.email()});
    rows.add(new Object[] {"name", p.name()});
    rows.add(new Object[] {"company", p.company()});
    rows.add(new Object[] {"domain", p.domain()});
    rows.add(new Object[] {"country", p.country()});
    rows.add(new Object[] {"account", f.features().map(SubscriberFeatures::account).orElse(null)});
    rows.add(new Object[] {"lists", lists.isEmpty() ? null : String.join(", ", lists)});
    rows.add(new Object[] {"tags", p.tags().isEmpty() ? null : String.join(", ", p.tags())});
    rows.add(new Object[] {"joined", p.createdAt() == 0 ? null
        : Instant.ofEpochMilli(p.createdAt()).atZone(ZoneOffset.UTC).toLocalDate().toString()});
    rows.add(new Object[] {"list_status", p.listStatus()});
    rows.add(new Object[] {"on_list", p.onList() ? "yes" : "no (only seen in event logs)"});
    rows.add(new Object[] {"status", f.features().map(sf -> sf.status().code()).orElse(null)});
    return Table.of("person", FIELD_COLUMNS, rows);
  }

  /** Every fact that ends or limits the mail to the person, oldest first; "active" alone when there is none. */
  private static Table status(Facts f) {
    List<Object[]> rows = new ArrayList<>();
    for (PersonData.Bounce b : f.bounces()) {
      if (b.kind() == BounceKind.HARD) {
        rows.add(new Object[] {"hard_bounced", Instant.ofEpochMilli(b.at()), b.campaign(), bounceDetail(b)});
      }
    }
    for (PersonData.Removal r : f.removals()) {
      rows.add(new Object[] {r.type() == EventType.COMPLAINT ? "complained" : "unsubscribed", Instant.ofEpochMilli(r.at()),
          r.campaign(), r.detail() != null ? r.detail() : r.campaign() == null ? "list-level, no campaign named" : null});
    }
    rows.sort(Comparator.comparing(r -> (Instant) r[1]));
    String list = f.person().listStatus();
    if ("unsubscribed".equals(list)) {
      rows.add(new Object[] {"unsubscribed", null, null, "the subscriber list says unsubscribed"});
    } else if ("cleaned".equals(list)) {
      rows.add(new Object[] {"hard_bounced", null, null, "cleaned: suppressed by the list or by its bounces"});
    }
    if (rows.isEmpty()) {
      rows.add(new Object[] {"active", null, null, "no unsubscribe, complaint or hard bounce"});
    }
    return Table.of("status", STATUS_COLUMNS, rows);
  }

  private static Table timeline(Facts f) {
    record Entry(long at, int order, Object[] row) {}
    List<Entry> entries = new ArrayList<>();
    for (PersonData.Message m : f.messages()) {
      if (m.sentAt() != 0) {
        entries.add(new Entry(m.sentAt(), 0, row(m.sentAt(), m.campaign(), "send", null, null, m.campaignName())));
      }
      if (m.deliveredAt() != 0) {
        entries.add(new Entry(m.deliveredAt(), 1, row(m.deliveredAt(), m.campaign(), "delivery", null, null, null)));
      }
    }
    for (PersonData.Bounce b : f.bounces()) {
      String codes = ((b.status() == null ? "" : b.status()) + " " + (b.replyCode() == null ? "" : b.replyCode())).strip();
      entries.add(new Entry(b.at(), 2, row(b.at(), b.campaign(), "bounce", b.kind().name().toLowerCase(Locale.ROOT),
          codes.isEmpty() ? null : codes, b.diagnostic())));
    }
    for (ClassifiedEvents.Row e : f.events()) {
      entries.add(new Entry(e.at(), e.type() == EventType.OPEN ? 3 : 4, row(e.at(), e.campaign(), e.type().canonicalName(),
          e.kind().name().toLowerCase(Locale.ROOT), e.reason(), e.type() == EventType.CLICK ? e.url() : e.agent())));
    }
    for (PersonData.Removal r : f.removals()) {
      entries.add(new Entry(r.at(), 5, row(r.at(), r.campaign(), r.type().canonicalName(), null, null, r.detail())));
    }
    for (PersonData.PersonLead l : f.leads()) {
      for (PersonData.Step s : l.steps()) {
        String detail = s.from() == null ? l.reason() : by(s);
        entries.add(new Entry(s.at(), 6, row(s.at(), null, "lead #" + l.id(), s.to().code(),
            s.from() == null ? l.ruleId() : s.reason(), detail)));
      }
    }
    entries.sort(Comparator.comparingLong(Entry::at).thenComparingInt(Entry::order));
    return Table.of("timeline", TIMELINE_COLUMNS, entries.stream().map(Entry::row).toList());
  }

  private static Table leads(List<PersonData.PersonLead> leads) {
    List<Object[]> rows = new ArrayList<>();
    for (PersonData.PersonLead l : leads) {
      rows.add(new Object[] {l.id(), l.week(), l.ruleId(), l.priority(), l.status().code(), l.reason()});
    }
    return Table.of("leads", LEAD_COLUMNS, rows);
  }

  /** "by ana: called, no answer", or whichever part was said. */
  static String by(PersonData.Step s) {
    String who = s.by() == null ? null : "by " + s.by();
    if (who == null) {
      return s.note();
    }
    return s.note() == null ? who : who + ": " + s.note();
  }

  static String bounceDetail(PersonData.Bounce b) {
    StringBuilder out = new StringBuilder(b.kind().name().toLowerCase(Locale.ROOT));
    if (b.status() != null) {
      out.append(' ').append(b.status());
    }
    if (b.replyCode() != null) {
      out.append(" (").append(b.replyCode()).append(')');
    }
    if (b.diagnostic() != null) {
      out.append(": ").append(b.diagnostic());
    }
    return out.toString();
  }

  private static Object[] row(long at, String campaign, String event, String verdict, String reason, String detail) {
    return new Object[] {Instant.ofEpochMilli(at), campaign, event, verdict, reason, detail};
  }
}
