package dev.starling.rules;

import java.util.Collection;
import java.util.Optional;

/**
 * The known name closest to a mistyped one, so an error can say "did you mean 'min-ratio'?" instead of
 * listing every name. Public because the engine's configuration file uses it for its keys too.
 */
public final class Spelling {
  private Spelling() {}

  /**
   * The candidate with the smallest edit distance to {@code typed}, if it is close enough to be the
   * likely intent: at most a third of the typed length away (two edits for short names). Ties go to the
   * earlier candidate, so callers list the common names first.
   */
  public static Optional<String> closest(String typed, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = distance(typed, c);
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return best != null && bestDistance <= Math.max(2, typed.length() / 3) ? Optional.of(best) : Optional.empty();
  }

  /** Levenshtein distance: insertions, deletions and substitutions each cost one. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
