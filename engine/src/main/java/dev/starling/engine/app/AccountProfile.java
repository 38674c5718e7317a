package dev.starling.engine.app;

import dev.starling.engine.features.AccountFeatures;
import dev.starling.engine.features.SubscriberFeatures;
import dev.starling.engine.leads.FeatureBinding;
import dev.starling.engine.report.Column;
import dev.starling.engine.report.ColumnType;
import dev.starling.engine.report.Table;
import dev.starling.engine.store.PersonData;
import dev.starling.rules.FeatureSchema;
import dev.starling.rules.Subject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One account (company) in full, as the tables of {@code starling account}: its features as the rules
 * see them ({@code features}), its people with their tiers, score and state, best score first
 * ({@code people}), and its leads: those about the account and those about its people ({@code leads}).
 */
public record AccountProfile(String account, List<Table> tables) {
  public static final List<Column> PEOPLE_COLUMNS = List.of(
      Column.of("email", ColumnType.EMAIL),
      Column.of("company", ColumnType.TEXT),
      Column.of("star_tier", ColumnType.INTEGER),
      Column.of("score", ColumnType.DECIMAL),
      Column.of("state", ColumnType.TEXT),
      Column.of("confidence", ColumnType.TEXT),
      Column.of("status", ColumnType.TEXT),
      Column.of("received", ColumnType.INTEGER),
      Column.of("opened", ColumnType.INTEGER),
      Column.of("last_human_at", ColumnType.TIME));
  public static final List<Column> LEAD_COLUMNS = List.of(
      Column.of("id", ColumnType.INTEGER),
      Column.of("subject", ColumnType.TEXT),
      Column.of("who", ColumnType.TEXT),
      Column.of("week", ColumnType.TEXT),
      Column.of("rule_id", ColumnType.TEXT),
      Column.of("status", ColumnType.TEXT),
      Column.of("reason", ColumnType.TEXT));

  public AccountProfile {
    tables = List.copyOf(tables);
  }

  /**
   * @param people the account's people, best score first
   * @param leads the leads about the account, then about each of its people, each list oldest first
   */
  static AccountProfile of(AccountFeatures account, List<SubscriberFeatures> people, List<PersonData.PersonLead> leads,
      FeatureSchema schema) {
    List<Object[]> who = new ArrayList<>();
    for (SubscriberFeatures f : people) {
      who.add(new Object[] {f.email(), f.company(), f.starTier(), f.score(), f.state().code(), f.confidence().code(),
          f.status().code(), f.received(), f.campaignsOpened(), f.lastHumanAt() == 0 ? null : Instant.ofEpochMilli(f.lastHumanAt())});
    }
    List<Object[]> leadRows = new ArrayList<>();
    for (PersonData.PersonLead l : leads) {
      leadRows.add(new Object[] {l.id(), l.subject().key(), l.subjectKey(), l.week(), l.ruleId(), l.status().code(), l.reason()});
    }
    return new AccountProfile(account.account(), List.of(
        ExplainTables.features(schema.features(Subject.ACCOUNT), new FeatureBinding(schema).account(account)),
        Table.of("people", PEOPLE_COLUMNS, who),
        Table.of("account_leads", LEAD_COLUMNS, leadRows)));
  }
}
