package dev.starling.engine.features.replay;

import dev.starling.engine.features.Star;
import dev.starling.engine.features.StarCriteria;
import dev.starling.engine.features.SubscriberStatus;
import dev.starling.engine.store.FeatureTables;
import dev.starling.engine.store.ReplayStates;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What the star query reads of a finished replay state, saved beside it ({@code star_counts}): per subscriber
 * id, the received and opened campaigns, human and machine opens, human clicks, the last human activity and
 * the status (list-level complaints applied; the list's own removals are applied as the stars are read, as
 * the writer applies them). While the feature rows wait to be written, a second {@code stars} reads these
 * instead of resuming the whole state.
 */
final class StarCounts {
  private static final SubscriberStatus[] STATUSES = SubscriberStatus.values();
  private static final int FORMAT = 1;

  private final int[] received;
  private final int[] opened;
  private final int[] humanOpens;
  private final int[] machineOpens;
  private final int[] humanClicks;
  private final long[] lastHuman;
  private final byte[] status;

  private StarCounts(int[] received, int[] opened, int[] humanOpens, int[] machineOpens, int[] humanClicks, long[] lastHuman,
      byte[] status) {
    this.received = received;
    this.opened = opened;
    this.humanOpens = humanOpens;
    this.machineOpens = machineOpens;
    this.humanClicks = humanClicks;
    this.lastHuman = lastHuman;
    this.status = status;
  }

  private StarCounts(int n) {
    this(new int[n], new int[n], new int[n], new int[n], new int[n], new long[n], new byte[n]);
  }

  /** {@code st}'s counts, read in place (not copied): what {@link LiveFeatures#stars} reads. */
  static StarCounts of(ReplayState st) {
    return new StarCounts(st.received, st.opened, st.humanOpens, st.machineOpens, st.humanClicks, st.lastHuman, st.status);
  }

  /** Saves {@code st}'s star counts (it has replayed to its end, list-level events included). */
  static void save(ReplayStates saved, ReplayState st) {
    StarCounts c = of(st);
    int n = c.received.length;
    ByteBuffer buf = ByteBuffer.allocate((int) bytes(n));
    buf.putInt(FORMAT).putInt(n);
    for (int[] a : c.ints()) {
      buf.asIntBuffer().put(a, 0, n);
      buf.position(buf.position() + n * 4);
    }
    buf.asLongBuffer().put(c.lastHuman, 0, n);
    buf.position(buf.position() + n * 8);
    buf.put(c.status, 0, n);
    saved.saveStarCounts(new ReplayStates.SavedStarCounts(st.turn, st.asOf, st.settings.fingerprint(), buf.array()));
  }

  /**
   * The saved counts when they come from the state saved in {@code end} (same turn, time and settings), else
   * null.
   */
  static StarCounts load(ReplayStates saved, ReplayStates.Saved end) {
    ReplayStates.SavedStarCounts c = saved.starCounts().orElse(null);
    if (c == null || c.turn() != end.turn() || c.asOf() != end.asOf() || !c.settings().equals(end.settings())) {
      return null;
    }
    ByteBuffer buf = ByteBuffer.wrap(c.data());
    if (c.data().length < 8 || buf.getInt() != FORMAT) {
      return null;
    }
    int n = buf.getInt();
    if (c.data().length != bytes(n)) {
      return null;
    }
    StarCounts out = new StarCounts(n);
    for (int[] a : out.ints()) {
      buf.asIntBuffer().get(a, 0, n);
      buf.position(buf.position() + n * 4);
    }
    buf.asLongBuffer().get(out.lastHuman, 0, n);
    buf.position(buf.position() + n * 8);
    buf.get(out.status, 0, n);
    return out;
  }

  /** The int columns, in their saved order. */
  private int[][] ints() {
    return new int[][] {received, opened, humanOpens, machineOpens, humanClicks};
  }

  /** The saved length for {@code n} subscribers: format and count, five ints, a long and a byte each. */
  private static long bytes(long n) {
    return 8 + n * (5 * 4 + 8 + 1);
  }

  /**
   * The stars under {@code criteria}: the star query's filter (received >= n AND CAST(campaigns_opened AS
   * REAL) / received >= r) over the counts, then only the stars' rows, with their people read by id and the
   * list's own removals applied as {@code ReplayState.listRemoved} applies them.
   */
  List<Star> stars(StarCriteria criteria, int limit, FeatureTables tables) {
    List<Integer> found = new ArrayList<>();
    for (int s = 0; s < received.length; s++) {
      int r = received[s];
      if (r >= criteria.minCampaigns() && (double) opened[s] / r >= criteria.minRatio()) {
        found.add(s);
      }
    }
    int[] ids = found.stream().mapToInt(Integer::intValue).toArray();
    Map<Integer, FeatureTables.StarPerson> people = tables.starPeople(ids);
    List<Star> out = new ArrayList<>(ids.length);
    for (int s : ids) {
      FeatureTables.StarPerson p = people.get(s);
      if (p == null) {
        continue;
      }
      byte st = switch (p.listStatus()) { // as ReplayState.listRemoved sets it
        case ON_LIST -> status[s];
        case UNSUBSCRIBED -> ReplayState.UNSUBSCRIBED;
        case CLEANED -> ReplayState.HARD_BOUNCED;
      };
      out.add(new Star(p.email(), p.name(), p.company(), received[s], opened[s], humanOpens[s], machineOpens[s], humanClicks[s],
          lastHuman[s], STATUSES[st]));
    }
    return best(out, limit);
  }

  /** Best first (highest ratio, then most campaigns opened, then address in SQLite's order), cut to {@code limit}. */
  static List<Star> best(List<Star> stars, int limit) {
    stars.sort(Comparator.comparingDouble((Star s) -> (double) s.opened() / s.received()).reversed()
        .thenComparing(Comparator.comparingInt(Star::opened).reversed())
        .thenComparing(Star::email, LiveFeatures::codePointOrder));
    return limit > 0 && stars.size() > limit ? List.copyOf(stars.subList(0, limit)) : stars;
  }
}
