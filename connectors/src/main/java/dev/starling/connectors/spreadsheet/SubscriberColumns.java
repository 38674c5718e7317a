package dev.starling.connectors.spreadsheet;

import dev.starling.connectors.BounceKind;
import dev.starling.connectors.Event;
import dev.starling.connectors.EventType;
import dev.starling.connectors.SmtpStatus;
import dev.starling.connectors.Subscriber;
import dev.starling.connectors.SubscriptionStatus;
import dev.starling.connectors.bounce.BounceRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a header row keeps each subscriber field, found by the English and Spanish synonyms in
 * {@code header-synonyms.properties} (case-, accent- and punctuation-insensitive), and how a data row
 * becomes a {@link Subscriber}. Shared by the generic spreadsheet reader and the ESP exports whose
 * columns are user-chosen labels (Mailchimp merge fields).
 *
 * <p>A header with an unsubscribe, bounce or complaint date column ("Fecha de baja", "Bounced At",
 * "Fecha de queja", ...) makes the file such a list ({@link #listKind()}): each row is then an
 * {@link Event} about the person, dated, with the reason column as its detail.
 */
public final class SubscriberColumns {

  /** The subscriber fields a column can feed. */
  public enum Field {
    EMAIL, FIRST_NAME, LAST_NAME, FULL_NAME, COMPANY, COUNTRY, CREATED, TAGS, STATUS,
    UNSUBSCRIBED_AT, BOUNCED_AT, COMPLAINED_AT, REASON, BOUNCE_TYPE
  }

  /** The provider name of the events a list of unsubscribes, bounces or complaints yields. */
  static final String LIST_PROVIDER = "spreadsheet";

  private static final Pattern NOT_ALNUM = Pattern.compile("[^a-z0-9º]+");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Synonyms SYNONYMS = Synonyms.load();

  private final List<String> header;
  private final EnumMap<Field, Integer> at;

  private SubscriberColumns(List<String> header, EnumMap<Field, Integer> at) {
    this.header = List.copyOf(header);
    this.at = at;
  }

  /** Maps a header row; empty when no cell names an email column. */
  public static Optional<SubscriberColumns> match(List<String> header) {
    EnumMap<Field, Integer> at = new EnumMap<>(Field.class);
    for (int i = 0; i < header.size(); i++) {
      Field f = SYNONYMS.fields.get(normalize(header.get(i)));
      if (f != null) {
        at.putIfAbsent(f, i);
      }
    }
    return at.containsKey(Field.EMAIL) ? Optional.of(new SubscriberColumns(header, at)) : Optional.empty();
  }

  /** Whether one header cell names an email column. */
  public static boolean isEmailHeader(String cell) {
    return SYNONYMS.fields.get(normalize(cell)) == Field.EMAIL;
  }

  /** The header names accepted for the email column, for messages. */
  public static List<String> emailHeaderNames() {
    return SYNONYMS.emailNames;
  }

  /** Trimmed, lower-cased, accents removed, every run of other characters one space. */
  public static String normalize(String header) {
    String s = Normalizer.normalize(header.strip(), Normalizer.Form.NFD);
    s = MARKS.matcher(s).replaceAll("").toLowerCase(Locale.ROOT);
    return NOT_ALNUM.matcher(s).replaceAll(" ").strip();
  }

  /** The column index of {@code f}, or -1. */
  public int index(Field f) {
    return at.getOrDefault(f, -1);
  }

  /** The header text of the column feeding {@code f} (for messages), or {@code null}. */
  public String name(Field f) {
    int i = index(f);
    return i < 0 ? null : header.get(i).strip();
  }

  /**
   * What a list whose header names an unsubscribe, bounce or complaint date holds (that event type), or
   * empty for a list of subscribers. With several such columns the first in that order wins.
   */
  public Optional<EventType> listKind() {
    return has(Field.UNSUBSCRIBED_AT) ? Optional.of(EventType.UNSUBSCRIBE)
        : has(Field.BOUNCED_AT) ? Optional.of(EventType.BOUNCE)
        : has(Field.COMPLAINED_AT) ? Optional.of(EventType.COMPLAINT)
        : Optional.empty();
  }

  /**
   * The unsubscribe, bounce or complaint in a row of such a list: dated by its date column, its detail
   * the reason column. A bounce's class is the bounce-type column when there is one, else the rule table's
   * verdict on the reason, else hard: a list of bounced or cleaned addresses is the provider saying so.
   *
   * @throws IllegalArgumentException naming the column and the value when a cell is invalid
   */
  public Event event(TableRow row) {
    EventType type = listKind().orElseThrow(() -> new IllegalStateException("not an event list"));
    Field dateField = switch (type) {
      case UNSUBSCRIBE -> Field.UNSUBSCRIBED_AT;
      case BOUNCE -> Field.BOUNCED_AT;
      default -> Field.COMPLAINED_AT;
    };
    String email = row.cell(index(Field.EMAIL));
    try {
      email = Subscriber.normalizeEmail(email);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("column '" + name(Field.EMAIL) + "' " + e.getMessage()
          .replaceFirst("^email ", ""), e);
    }
    String date = cell(row, dateField);
    if (date == null) {
      throw new IllegalArgumentException("column '" + name(dateField) + "' is empty (the date is required)");
    }
    long at;
    try {
      at = SheetDates.parseMillis(date);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("column '" + name(dateField) + "' " + e.getMessage(), e);
    }
    String reason = cell(row, Field.REASON);
    BounceKind kind = null;
    SmtpStatus smtp = null;
    if (type == EventType.BOUNCE) {
      smtp = reason == null ? null : SmtpStatus.of(null, reason);
      String typed = cell(row, Field.BOUNCE_TYPE);
      kind = typed != null ? parseBounceKind(typed, name(Field.BOUNCE_TYPE))
          : BounceRules.standard().classify(smtp, reason, BounceKind.HARD);
    }
    return new Event(type, email, null, at, LIST_PROVIDER, null, null, null, null, kind, null, reason, smtp, null);
  }

  private static BounceKind parseBounceKind(String raw, String column) {
    BounceKind extra = SYNONYMS.bounceKinds.get(normalize(raw));
    if (extra != null) {
      return extra;
    }
    try {
      return BounceKind.parse(raw);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("column '" + column + "' " + e.getMessage().replaceFirst("^bounce_type ", ""), e);
    }
  }

  /** Whether {@code f} has a column. */
  public boolean has(Field f) {
    return at.containsKey(f);
  }

  /**
   * Whether a row with an empty email cell is a totals row: its first non-blank cell starts with a
   * totals word ("Total", "Totales", "Suma", ...) or all its non-blank cells are numbers.
   */
  public static boolean looksLikeTotals(TableRow row) {
    String first = row.cells().stream().filter(c -> !c.isBlank()).findFirst().orElse("");
    String norm = normalize(first);
    for (String word : SYNONYMS.totals) {
      if (norm.equals(word) || norm.startsWith(word + " ")) {
        return true;
      }
    }
    return !first.isEmpty() && row.cells().stream().filter(c -> !c.isBlank())
        .allMatch(c -> c.strip().matches("[-+]?[0-9][0-9.,]*"));
  }

  /**
   * The subscriber in {@code row}, with {@code status} unless the row has its own status column.
   *
   * @throws IllegalArgumentException naming the column and the value when a cell is invalid
   */
  public Subscriber subscriber(TableRow row, SubscriptionStatus status) {
    String email = row.cell(index(Field.EMAIL));
    try {
      Subscriber.normalizeEmail(email);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("column '" + name(Field.EMAIL) + "' " + e.getMessage()
          .replaceFirst("^email ", ""), e);
    }
    String first = cell(row, Field.FIRST_NAME);
    String last = cell(row, Field.LAST_NAME);
    if (!has(Field.FIRST_NAME) && !has(Field.LAST_NAME) && has(Field.FULL_NAME)) {
      String[] parts = splitName(cell(row, Field.FULL_NAME));
      first = parts[0];
      last = parts[1];
    }
    String created = cell(row, Field.CREATED);
    Long createdAt = null;
    if (created != null) {
      try {
        createdAt = SheetDates.parseMillis(created);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("column '" + name(Field.CREATED) + "' " + e.getMessage(), e);
      }
    }
    String statusText = cell(row, Field.STATUS);
    SubscriptionStatus st = status;
    if (statusText != null) {
      st = parseStatus(statusText, name(Field.STATUS));
    }
    String tags = cell(row, Field.TAGS);
    return new Subscriber(email, first, last, cell(row, Field.COMPANY), cell(row, Field.COUNTRY), createdAt,
        tags == null ? List.of() : splitTags(tags), st);
  }

  private String cell(TableRow row, Field f) {
    String v = row.cell(index(f)).strip();
    return v.isEmpty() ? null : v;
  }

  /** "José Núñez García" → ["José", "Núñez García"]; one word is a first name only. */
  public static String[] splitName(String full) {
    if (full == null || full.isBlank()) {
      return new String[] {null, null};
    }
    String s = full.strip();
    int sp = s.indexOf(' ');
    return sp < 0 ? new String[] {s, null} : new String[] {s.substring(0, sp), s.substring(sp + 1).strip()};
  }

  /**
   * Tags separated by commas, semicolons or bars, each trimmed of spaces and double quotes (Mailchimp
   * writes {@code "vip","feria-2024"}); empty ones dropped, duplicates kept once, order kept.
   */
  public static List<String> splitTags(String cell) {
    Set<String> out = new LinkedHashSet<>();
    for (String t : cell.split("[,;|]")) {
      String s = t.strip();
      if (s.startsWith("\"") && s.endsWith("\"") && s.length() >= 2) {
        s = s.substring(1, s.length() - 1).strip();
      }
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return new ArrayList<>(out);
  }

  /** A status cell: the usual English words, then the Spanish ones of the synonym file. */
  static SubscriptionStatus parseStatus(String raw, String column) {
    SubscriptionStatus extra = SYNONYMS.statuses.get(normalize(raw));
    if (extra != null) {
      return extra;
    }
    try {
      return SubscriptionStatus.parse(raw);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("column '" + column + "' " + e.getMessage().replaceFirst("^status ", ""), e);
    }
  }

  private record Synonyms(Map<String, Field> fields, List<String> emailNames,
      Map<String, SubscriptionStatus> statuses, Map<String, BounceKind> bounceKinds, List<String> totals) {

    static Synonyms load() {
      Properties p = new Properties();
      try (InputStream in = SubscriberColumns.class.getResourceAsStream("header-synonyms.properties");
          Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        p.load(r);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read header-synonyms.properties", e);
      }
      Map<String, Field> fields = new HashMap<>();
      for (Field f : Field.values()) {
        for (String name : names(p, f.name().toLowerCase(Locale.ROOT))) {
          fields.putIfAbsent(normalize(name), f);
        }
      }
      Map<String, SubscriptionStatus> statuses = new HashMap<>();
      for (SubscriptionStatus s : SubscriptionStatus.values()) {
        for (String name : names(p, "status." + s.name())) {
          statuses.put(normalize(name), s);
        }
      }
      Map<String, BounceKind> bounceKinds = new HashMap<>();
      for (BounceKind k : BounceKind.values()) {
        for (String name : names(p, "bounce_type." + k.name())) {
          bounceKinds.put(normalize(name), k);
        }
      }
      List<String> totals = names(p, "totals").stream().map(SubscriberColumns::normalize).toList();
      return new Synonyms(fields, names(p, "email"), statuses, bounceKinds, totals);
    }

    private static List<String> names(Properties p, String key) {
      String v = p.getProperty(key, "");
      return v.isBlank() ? List.of() : List.of(v.strip().split("\\s*,\\s*"));
    }
  }
}
