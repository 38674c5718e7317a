package dev.starling.engine.features;

/**
 * One account's totals, summed over its people's features as they are added: what the feature refresh
 * writes for every account, and what an erasure writes again for the forgotten person's account. One
 * definition of "engaged", "engaged in the last 14 days" and "newly engaged".
 */
public final class AccountTally {
  private static final long RECENT = 14 * 86_400_000L;

  private int people;
  private int engaged;
  private int engaged14d;
  private int newly14d;
  private double score;

  /** Adds one person of the account, whose features are as of {@code asOf} (UTC ms). */
  public void add(SubscriberFeatures f, long asOf) {
    people++;
    if (f.state().engaged()) {
      engaged++;
    }
    if (f.lastHumanAt() != 0 && asOf - f.lastHumanAt() <= RECENT) {
      engaged14d++;
      if (asOf - f.firstHumanAt() <= RECENT) {
        newly14d++;
      }
    }
    score += f.score();
  }

  /** People added so far. */
  public int people() {
    return people;
  }

  public AccountFeatures features(String account) {
    return new AccountFeatures(account, people, engaged, engaged14d, newly14d, score);
  }
}
