package dev.starling.connectors.dsn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The fields of a {@code message/delivery-status} (RFC 3464) or {@code message/feedback-report}
 * (RFC 5965) body, read leniently, as real servers write them:
 * <ul>
 *   <li>a line holding only white space separates groups like an empty one (no folding can start there);</li>
 *   <li>when no blank line separates the per-message group from the first recipient (AOL and others),
 *       the recipient group starts at the first per-recipient field;</li>
 *   <li>when no blank line separates two recipients, a new group starts where one of
 *       {@code Original-Recipient}, {@code Final-Recipient}, {@code Action}, {@code Status} repeats
 *       (their order varies: Postfix writes Final- before Original-Recipient, SES starts with Action);</li>
 *   <li>folded values are unfolded and runs of white space made one space.</li>
 * </ul>
 */
final class StatusFields {

  /** RFC 3464 section 2.3: the per-recipient fields. Anything else before the first of them is per-message. */
  private static final Set<String> PER_RECIPIENT = Set.of("original-recipient", "final-recipient", "action", "status",
      "remote-mta", "diagnostic-code", "last-attempt-date", "final-log-id", "will-retry-until");

  /** One field: name as written, value unfolded. */
  record Field(String name, String value) {
    boolean is(String other) {
      return name.equalsIgnoreCase(other);
    }
  }

  /** One group of fields, in order. */
  record Group(List<Field> fields) {
    /** The first value of the field, or {@code null}. */
    String get(String name) {
      for (Field f : fields) {
        if (f.is(name)) {
          return f.value;
        }
      }
      return null;
    }

    /** Every value of a field that may repeat ({@code Original-Rcpt-To}). */
    List<String> all(String name) {
      List<String> out = new ArrayList<>();
      for (Field f : fields) {
        if (f.is(name)) {
          out.add(f.value);
        }
      }
      return out;
    }

    boolean has(String name) {
      return get(name) != null;
    }
  }

  /** The per-message group and the recipient groups of a delivery-status body. */
  record Report(Group perMessage, List<Group> recipients) {}

  private StatusFields() {}

  /** The fields of {@code text} split into blank-line separated groups, the lenient way. */
  static List<Group> groups(String text) {
    List<Group> groups = new ArrayList<>();
    List<Field> current = new ArrayList<>();
    String name = null;
    StringBuilder value = new StringBuilder();
    for (String line : text.split("\r\n|\r|\n", -1)) {
      if (line.isBlank()) {
        name = addField(current, name, value);
        if (!current.isEmpty()) {
          groups.add(new Group(current));
          current = new ArrayList<>();
        }
        continue;
      }
      if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
        value.append(' ').append(line.strip());
        continue;
      }
      name = addField(current, name, value);
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue; // not a field: some gateways add a prose line; nothing to keep
      }
      name = line.substring(0, colon).strip();
      value.setLength(0);
      value.append(line.substring(colon + 1).strip());
    }
    addField(current, name, value);
    if (!current.isEmpty()) {
      groups.add(new Group(current));
    }
    return groups;
  }

  /** A delivery-status body as its per-message group and its recipient groups, re-split where blank lines are missing. */
  static Report report(String text) {
    List<Group> blocks = groups(text);
    if (blocks.isEmpty()) {
      return new Report(new Group(List.of()), List.of());
    }
    List<Field> perMessage = new ArrayList<>();
    List<Field> first = blocks.get(0).fields();
    int i = 0;
    while (i < first.size() && !PER_RECIPIENT.contains(first.get(i).name().toLowerCase(Locale.ROOT))) {
      perMessage.add(first.get(i++));
    }
    List<List<Field>> rest = new ArrayList<>();
    if (i < first.size()) {
      rest.add(first.subList(i, first.size()));
    }
    for (int b = 1; b < blocks.size(); b++) {
      rest.add(blocks.get(b).fields());
    }
    List<Group> recipients = new ArrayList<>();
    for (List<Field> block : rest) {
      List<Field> current = new ArrayList<>();
      for (Field f : block) {
        if (startsNewRecipient(current, f)) {
          recipients.add(new Group(current));
          current = new ArrayList<>();
        }
        current.add(f);
      }
      if (!current.isEmpty()) {
        recipients.add(new Group(current));
      }
    }
    return new Report(new Group(perMessage), recipients);
  }

  private static boolean startsNewRecipient(List<Field> current, Field f) {
    if (current.isEmpty()) {
      return false;
    }
    String n = f.name().toLowerCase(Locale.ROOT);
    if (!PER_RECIPIENT.contains(n)) {
      return false;
    }
    return new Group(current).has(f.name()) && (n.equals("original-recipient") || n.equals("final-recipient") || n.equals("action")
        || n.equals("status"));
  }

  private static String addField(List<Field> fields, String name, StringBuilder value) {
    if (name != null) {
      fields.add(new Field(name, value.toString().replaceAll("\\s+", " ").strip()));
    }
    return null;
  }
}
