package dev.starling.engine.digest;

import dev.starling.engine.report.Column;
import dev.starling.engine.report.ColumnType;
import dev.starling.engine.report.Table;
import dev.starling.engine.store.DigestQueries.PersonRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The digest as report tables, for the attachment: every suggestion routed to the recipient (one row per
 * suggestion, with its entry's rank, so the sheet filters and sorts like the message reads), and the people
 * behind each surged account.
 */
final class DigestTable {
  static final List<Column> SUGGESTION_COLUMNS = List.of(
      Column.of("rank", ColumnType.INTEGER),
      Column.of("lead_id", ColumnType.INTEGER),
      Column.of("priority", ColumnType.INTEGER),
      Column.of("subject", ColumnType.TEXT),
      Column.of("name", ColumnType.TEXT),
      Column.of("email", ColumnType.EMAIL),
      Column.of("company", ColumnType.TEXT),
      Column.of("country", ColumnType.TEXT),
      Column.of("rule", ColumnType.TEXT),
      Column.of("reason", ColumnType.TEXT),
      Column.of("status", ColumnType.TEXT),
      Column.of("star", ColumnType.TEXT),
      Column.of("resurfaced", ColumnType.TEXT),
      Column.of("score", ColumnType.DECIMAL),
      Column.of("received", ColumnType.INTEGER),
      Column.of("opened", ColumnType.INTEGER),
      Column.of("open_ratio", ColumnType.RATIO),
      Column.of("human_clicks", ColumnType.INTEGER),
      Column.of("last_activity", ColumnType.TIME),
      Column.of("routed_by", ColumnType.TEXT));

  static final List<Column> PEOPLE_COLUMNS = List.of(
      Column.of("account", ColumnType.TEXT),
      Column.of("name", ColumnType.TEXT),
      Column.of("email", ColumnType.EMAIL),
      Column.of("country", ColumnType.TEXT),
      Column.of("score", ColumnType.DECIMAL),
      Column.of("first_activity", ColumnType.TIME),
      Column.of("last_activity", ColumnType.TIME));

  private DigestTable() {}

  static Table suggestions(Digest d) {
    List<Object[]> rows = new ArrayList<>();
    int rank = 0;
    for (DigestEntry e : d.people()) {
      rank++;
      addRows(rows, rank, e, d.recipient().language());
    }
    for (DigestEntry e : d.accounts()) {
      rank++;
      addRows(rows, rank, e, d.recipient().language());
    }
    return Table.of("digest_suggestions", SUGGESTION_COLUMNS, rows);
  }

  private static String yesNo(boolean b, Language lang) {
    return b ? (lang == Language.ES ? "sí" : "yes") : "no";
  }

  private static String subject(DigestEntry e, Language lang) {
    return switch (e.subject()) {
      case SUBSCRIBER -> lang == Language.ES ? "persona" : "person";
      case ACCOUNT -> lang == Language.ES ? "cuenta" : "account";
    };
  }

  private static void addRows(List<Object[]> rows, int rank, DigestEntry e, Language lang) {
    PersonRow p = e.person();
    for (DigestEntry.Reason r : e.reasons()) {
      rows.add(new Object[] {
        (long) rank, r.leadId(), (long) r.priority(), subject(e, lang), e.name(), e.email(), e.company(), e.country(),
        r.title(), r.text(), r.status().code(), yesNo(e.star(), lang), yesNo(e.resurfaced(), lang), e.score(),
        p == null ? null : (long) p.received(), p == null ? null : (long) p.opened(),
        p == null || p.received() == 0 ? null : (double) p.opened() / p.received(), p == null ? null : (long) p.humanClicks(),
        e.lastActivity(), e.routedBy() == null ? null : e.routedBy().name().toLowerCase(java.util.Locale.ROOT)
      });
    }
  }

  static Table accountPeople(Digest d) {
    List<Object[]> rows = new ArrayList<>();
    for (DigestEntry e : d.accounts()) {
      for (PersonRow p : e.people()) {
        rows.add(new Object[] {e.name(), p.name(), p.email(), p.country(), p.score(), time(p.firstHumanAt()), time(p.lastHumanAt())});
      }
    }
    return Table.of("digest_account_people", PEOPLE_COLUMNS, rows);
  }

  private static Instant time(long millis) {
    return millis == 0 ? null : Instant.ofEpochMilli(millis);
  }
}
