package dev.starling.engine.outcomes;

import dev.starling.connectors.Subscriber;
import dev.starling.connectors.spreadsheet.SheetDates;
import dev.starling.connectors.spreadsheet.SubscriberColumns;
import dev.starling.connectors.spreadsheet.TableRow;
import dev.starling.engine.leads.LeadSettings;
import dev.starling.engine.leads.LeadStatus;
import dev.starling.engine.leads.OutcomeWords;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a CRM export's header keeps each outcome field, found by English and Spanish names (any case,
 * with or without accents: {@code Correo electrónico}, {@code Nº lead}), and how a data row becomes an
 * {@link Outcome}. A header needs a status column and a lead or email column.
 */
final class OutcomeColumns {
  enum Field { LEAD, EMAIL, STATUS, DATE, OWNER, NOTE, REASON }

  private static final Map<String, Field> NAMES = new LinkedHashMap<>();

  static {
    names(Field.LEAD, "lead", "lead id", "id", "nº lead", "n º lead", "no lead", "lead number", "id lead", "numero de lead",
        "oportunidad", "nº oportunidad");
    names(Field.EMAIL, "email", "e mail", "email address", "correo", "correo electronico", "mail");
    names(Field.STATUS, "status", "estado", "outcome", "resultado");
    names(Field.DATE, "date", "fecha", "status date", "fecha estado");
    names(Field.OWNER, "owner", "comercial", "propietario", "salesperson", "vendedor");
    names(Field.NOTE, "note", "notes", "nota", "notas", "comment", "comentario");
    names(Field.REASON, "reason", "motivo", "rejection reason", "motivo de rechazo");
  }

  private static final Pattern LEAD_ID = Pattern.compile("#?\\s*(\\d{1,18})");

  private final List<String> header;
  private final EnumMap<Field, Integer> at;

  private OutcomeColumns(List<String> header, EnumMap<Field, Integer> at) {
    this.header = List.copyOf(header);
    this.at = at;
  }

  private static void names(Field f, String... names) {
    for (String n : names) {
      NAMES.put(SubscriberColumns.normalize(n), f);
    }
  }

  /** Whether a cell names an outcome column (for the CSV separator sniff). */
  static boolean isHeaderCell(String cell) {
    return NAMES.containsKey(SubscriberColumns.normalize(cell));
  }

  /** The header's columns; empty unless it has a status column and a lead or email column. */
  static Optional<OutcomeColumns> match(List<String> header) {
    EnumMap<Field, Integer> at = new EnumMap<>(Field.class);
    for (int i = 0; i < header.size(); i++) {
      Field f = NAMES.get(SubscriberColumns.normalize(header.get(i)));
      if (f != null) {
        at.putIfAbsent(f, i);
      }
    }
    boolean enough = at.containsKey(Field.STATUS) && (at.containsKey(Field.LEAD) || at.containsKey(Field.EMAIL));
    return enough ? Optional.of(new OutcomeColumns(header, at)) : Optional.empty();
  }

  /** What a header must have, for the error when none has it. */
  static String required() {
    return "a status column (status, estado) and a lead column (lead, lead id, id, nº lead) or an email column (email,"
        + " correo, correo electrónico)";
  }

  /**
   * One data row as an outcome.
   *
   * @param by who, when the row has no owner
   * @throws IllegalArgumentException naming the column and the value, for a row that cannot be read
   */
  Outcome outcome(String source, TableRow row, char separator, String by, LeadSettings settings, ZoneId zone) {
    String leadCell = cell(row, Field.LEAD);
    String emailCell = cell(row, Field.EMAIL);
    Long leadId = null;
    if (!leadCell.isEmpty()) {
      var m = LEAD_ID.matcher(leadCell);
      if (!m.matches()) {
        throw bad(Field.LEAD, "a lead number such as 12 or #12", leadCell);
      }
      leadId = Long.parseLong(m.group(1));
    }
    String email = null;
    if (!emailCell.isEmpty()) {
      try {
        email = Subscriber.normalizeEmail(emailCell);
      } catch (IllegalArgumentException e) {
        throw bad(Field.EMAIL, "an email address", emailCell);
      }
    }
    if (leadId == null && email == null) {
      String cols = at.containsKey(Field.LEAD) && at.containsKey(Field.EMAIL)
          ? "columns '" + name(Field.LEAD) + "' and '" + name(Field.EMAIL) + "' are"
          : "column '" + name(at.containsKey(Field.LEAD) ? Field.LEAD : Field.EMAIL) + "' is";
      throw new IllegalArgumentException(cols + " empty (the row must name a lead by its number or its person's email)");
    }
    String statusCell = cell(row, Field.STATUS);
    if (statusCell.isEmpty()) {
      throw new IllegalArgumentException("column '" + name(Field.STATUS) + "' is empty (a status is required)");
    }
    LeadStatus status = OutcomeWords.status(statusCell)
        .orElseThrow(() -> bad(Field.STATUS, "one of " + OutcomeWords.STATUS_WORDS, statusCell));
    Long when = null;
    boolean dayOnly = false;
    String dateCell = cell(row, Field.DATE);
    if (!dateCell.isEmpty()) {
      long parsed;
      try {
        parsed = SheetDates.parseMillis(dateCell);
      } catch (IllegalArgumentException e) {
        throw bad(Field.DATE, "a date as dd/mm/yyyy, ISO-8601 or an Excel serial number", dateCell);
      }
      dayOnly = isDay(dateCell) && parsed % 86_400_000L == 0;
      when = dayOnly
          ? Instant.ofEpochMilli(parsed).atZone(ZoneOffset.UTC).toLocalDate().atStartOfDay(zone).toInstant().toEpochMilli()
          : parsed;
    }
    String owner = cell(row, Field.OWNER);
    String note = cell(row, Field.NOTE);
    String reasonCell = cell(row, Field.REASON);
    String reason = null;
    if (!reasonCell.isEmpty()) {
      if (status == LeadStatus.REJECTED) {
        reason = OutcomeWords.reason(reasonCell, settings.rejectionReasons())
            .orElseThrow(() -> bad(Field.REASON, "one of " + String.join(", ", settings.rejectionReasons())
                + " (leads.rejection-reasons in starling.yaml)", reasonCell));
      } else {
        // A CRM fills "reason" for lost deals too; only a rejection's reason is from the list, so keep the text.
        note = note.isEmpty() ? reasonCell : note + "; " + reasonCell;
      }
    }
    return new Outcome(source, row.line(), leadId, email, status, when, dayOnly, owner.isEmpty() ? by : owner,
        note.isEmpty() ? null : note, reason, row.raw(separator));
  }

  /** A day without a time: {@code 03/03/2026}, {@code 2026-03-03}, a whole serial, or a sheet's midnight. */
  private static boolean isDay(String cell) {
    String s = cell.strip();
    return !s.contains(":") || s.endsWith("T00:00") || s.endsWith("T00:00:00") || s.endsWith(" 00:00");
  }

  private String cell(TableRow row, Field f) {
    return row.cell(at.getOrDefault(f, -1)).strip();
  }

  private String name(Field f) {
    return header.get(at.get(f)).strip();
  }

  private IllegalArgumentException bad(Field f, String expected, String value) {
    return new IllegalArgumentException("column '" + name(f) + "' must be " + expected + " but was '" + value + "'");
  }
}
