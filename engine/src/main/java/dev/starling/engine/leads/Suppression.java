package dev.starling.engine.leads;

import dev.starling.rules.Subject;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Who sales' rejections keep out of the suggestions, and until when: a rejection with a reason holds back
 * every rule's suggestion for its person for the reason's cooldown ({@code leads.cooldown.*}), counted
 * from the rejection in data time (the features' as-of time, the clock rule cooldowns use); a rejection
 * of an account lead, or one saying {@value LeadSettings#ALREADY_A_CUSTOMER}, holds back the whole
 * account (the account lead and every person in it). Only leads that are rejected now count: a rejection
 * sales took back (rejected, then accepted) suppresses nothing. Built once per run from the stored
 * rejections; asking is two map lookups.
 */
public final class Suppression {
  static final long DAY = 86_400_000L;

  /**
   * A lead that is rejected now, as the suppression reads it.
   *
   * @param account the person's account (company or business domain), the account itself for an account
   *     lead, or {@code null} (free mail without a company)
   * @param reason the latest rejection's reason, or {@code null}
   * @param rejectedAt when, in data time (UTC ms)
   */
  public record Rejected(long leadId, Subject subject, String subjectKey, String account, String reason, long rejectedAt) {}

  /**
   * Why a person or account is held back.
   *
   * @param until the first data time it may be suggested again; {@link Long#MAX_VALUE} for good
   * @param wholeAccount whether it is held back through its account
   */
  public record Why(long leadId, String reason, String account, long rejectedAt, long until, boolean wholeAccount) {
    /** {@code not a fit (lead #12 rejected 2026-03-03), until 2026-06-01}, in {@code zone}. */
    public String describe(ZoneId zone) {
      DateTimeFormatter day = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(zone);
      return reason + " (lead #" + leadId + " rejected " + day.format(Instant.ofEpochMilli(rejectedAt)) + ")"
          + (wholeAccount ? ", the whole account " + account : "")
          + (until == Long.MAX_VALUE ? ", for good" : ", until " + day.format(Instant.ofEpochMilli(until)));
    }
  }

  private final Map<String, Why> people = new HashMap<>();
  private final Map<String, Why> accounts = new HashMap<>();

  private Suppression() {}

  /** The suppressions {@code rejected} make under {@code settings}' cooldowns. */
  public static Suppression of(List<Rejected> rejected, LeadSettings settings) {
    Suppression s = new Suppression();
    for (Rejected r : rejected) {
      int days = settings.cooldownDays(r.reason());
      if (days == 0) {
        continue;
      }
      long until = days == LeadSettings.FOREVER ? Long.MAX_VALUE : r.rejectedAt() + days * DAY;
      boolean wholeAccount = r.account() != null
          && (r.subject() == Subject.ACCOUNT || LeadSettings.ALREADY_A_CUSTOMER.equals(r.reason()));
      if (wholeAccount) {
        keep(s.accounts, r.account(), new Why(r.leadId(), r.reason(), r.account(), r.rejectedAt(), until, true));
      }
      if (r.subject() == Subject.SUBSCRIBER) {
        keep(s.people, r.subjectKey(), new Why(r.leadId(), r.reason(), r.account(), r.rejectedAt(), until, false));
      }
    }
    return s;
  }

  /** Keeps the longer of two suppressions of one key. */
  private static void keep(Map<String, Why> into, String key, Why why) {
    into.merge(key, why, (a, b) -> b.until() > a.until() ? b : a);
  }

  /** Why the person {@code email} (of {@code account}, or {@code null}) is held back at data time {@code asOf}. */
  public Optional<Why> person(String email, String account, long asOf) {
    Why own = live(people.get(email), asOf);
    Why acc = account == null ? null : live(accounts.get(account), asOf);
    if (own == null || acc == null) {
      return Optional.ofNullable(own != null ? own : acc);
    }
    return Optional.of(acc.until() > own.until() ? acc : own);
  }

  /** Why the account is held back at data time {@code asOf}. */
  public Optional<Why> account(String account, long asOf) {
    return Optional.ofNullable(live(accounts.get(account), asOf));
  }

  /** Why a subject (a person's email or an account name) is held back. */
  public Optional<Why> subject(Subject subject, String key, String account, long asOf) {
    return subject == Subject.ACCOUNT ? account(key, asOf) : person(key, account, asOf);
  }

  private static Why live(Why why, long asOf) {
    return why != null && asOf < why.until() ? why : null;
  }
}
