package dev.starling.engine.campaigns;

import dev.starling.connectors.EventType;
import dev.starling.engine.features.ClickClassifier;
import dev.starling.engine.features.ClickReason;
import dev.starling.engine.features.EngagementSettings;
import dev.starling.engine.features.OpenClassifier;
import dev.starling.engine.features.OpenKind;
import dev.starling.engine.features.StarCriteria;
import dev.starling.engine.store.CampaignStats;
import dev.starling.engine.store.Store;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes campaign performance: per campaign, per period and per link, and the star count at the end of
 * each period. This is the one computation behind {@code starling campaigns}, the workbook and (later)
 * the digest, so their figures cannot differ.
 *
 * <p>Why computed on demand and not kept in a table: a campaign's figures depend only on its own
 * messages and events, classified by the configured {@link OpenClassifier} and {@link ClickClassifier}
 * (the replay's own, with the replay's inputs), so there is no derived state to keep fresh; reading
 * them is two range scans per campaign, about as fast as the feature replay's pass over the same rows
 * (figures in docs/reports.md).
 *
 * <p>Star count over time: stars are a running definition (received at least N campaigns, human-opened
 * at least R of them), so the count at the end of a period is recomputed from the stored facts by
 * walking the campaigns in send order up to that point with per-person counters, the same walk the
 * replay makes; a campaign's opens count however late they came. Nothing has to have been recorded
 * at the time, so the history is there for data imported today, and it follows the configured star
 * thresholds.
 */
public final class CampaignFigures {
  private final Store store;
  private final EngagementSettings settings;
  private final StarCriteria stars;

  public CampaignFigures(Store store, EngagementSettings settings, StarCriteria stars) {
    this.store = store;
    this.settings = settings;
    this.stars = stars;
  }

  /** One campaign's figures. */
  public record Campaign(String code, String name, String subject, Instant sentAt, Counts counts) {}

  /**
   * One period's figures.
   *
   * @param stars star subscribers at the period's end (after its last campaign), by the configured thresholds
   */
  public record PeriodRow(String label, LocalDate start, int campaigns, Counts counts, long stars) {}

  /** Human clicks on one URL of one campaign. */
  public record Link(String campaign, Instant sentAt, String url, long humanClicks, long uniqueHumanClicks) {}

  /** Per-campaign figures only (what {@code starling campaigns} prints), for the campaigns sent in {@code range}. */
  public List<Campaign> campaigns(DateRange range, ZoneId zone) {
    return walk(range, zone, false).campaigns;
  }

  /** Everything a report shows: campaigns, periods (with star counts), links. */
  public CampaignReport report(DateRange range, ZoneId zone, Period period) {
    Walk w = walk(range, zone, true);
    return new CampaignReport(range, zone, period, w.campaigns, periods(w, zone, period), w.links);
  }

  private static List<PeriodRow> periods(Walk w, ZoneId zone, Period period) {
    List<PeriodRow> out = new ArrayList<>();
    if (w.campaigns.isEmpty()) {
      return out;
    }
    // Every period from the first campaign's to the last one's, empty ones included: a chart's time axis
    // must not skip a quiet month.
    LocalDate first = period.start(w.dated().getFirst().sentAt().atZone(zone).toLocalDate());
    LocalDate last = period.start(w.dated().getLast().sentAt().atZone(zone).toLocalDate());
    int i = 0;
    List<Campaign> dated = w.dated();
    long starsSoFar = w.starsBefore;
    for (LocalDate p = first; !p.isAfter(last); p = period.next(p)) {
      Counts sum = Counts.ZERO;
      int n = 0;
      LocalDate end = period.next(p);
      while (i < dated.size() && dated.get(i).sentAt().atZone(zone).toLocalDate().isBefore(end)) {
        sum = sum.plus(dated.get(i).counts());
        starsSoFar = w.starsAfter.get(dated.get(i));
        n++;
        i++;
      }
      out.add(new PeriodRow(period.label(p), p, n, sum, starsSoFar));
    }
    return out;
  }

  /** The result of one pass over the campaigns. */
  private static final class Walk {
    final List<Campaign> campaigns = new ArrayList<>();
    final List<Link> links = new ArrayList<>();
    final Map<Campaign, Long> starsAfter = new HashMap<>();
    long starsBefore;

    List<Campaign> dated() {
      return campaigns.stream().filter(c -> c.sentAt() != null).toList();
    }
  }

  private Walk walk(DateRange range, ZoneId zone, boolean withStars) {
    CampaignStats stats = new CampaignStats(store);
    Instant from = range.start(zone);
    Instant to = range.end(zone);
    // Stars need every campaign from the first one; figures only those in range.
    List<CampaignStats.Campaign> all = stats.campaigns(withStars ? null : from, to);
    if (withStars && !range.isAll()) {
      all = all.stream().filter(t -> t.sentAt() != null).toList();
    }
    String[] agents = stats.agents();
    boolean[] proxyAgent = new boolean[agents.length];
    boolean[] scannerAgent = new boolean[agents.length];
    for (int a = 0; a < agents.length; a++) {
      proxyAgent[a] = OpenClassifier.PROXY_AGENT.equals(agents[a]);
      scannerAgent[a] = ClickClassifier.isScannerAgent(agents[a]);
    }
    Pass pass = new Pass(stats.maxSubscriberId() + 1, proxyAgent, scannerAgent, new OpenClassifier(settings),
        new ClickClassifier(settings));
    Walk w = new Walk();
    int turn = 0;
    for (CampaignStats.Campaign t : all) {
      turn++;
      boolean inRange = from == null || (t.sentAt() != null && !t.sentAt().isBefore(from));
      pass.campaign(stats, t.id(), turn);
      Counts c = pass.counts();
      long starCount = withStars ? pass.stars(stars) : 0;
      if (!inRange) {
        w.starsBefore = starCount;
        continue;
      }
      Campaign campaign = new Campaign(t.code(), t.name(), t.subject(), t.sentAt(), c);
      w.campaigns.add(campaign);
      w.starsAfter.put(campaign, starCount);
      pass.links.entrySet().stream()
          .sorted((a, b) -> a.getValue()[0] != b.getValue()[0] ? Long.compare(b.getValue()[0], a.getValue()[0])
              : a.getKey().compareTo(b.getKey()))
          .forEach(e -> w.links.add(new Link(t.code(), t.sentAt(), e.getKey(), e.getValue()[0], e.getValue()[1])));
    }
    return w;
  }

  /**
   * Per-person state across campaigns and per-campaign tallies, indexed by the dense subscriber id like
   * the replay's, so memory is a few bytes per person whatever the number of events.
   */
  private static final class Pass {
    final boolean[] proxyAgent;
    final boolean[] scannerAgent;
    final OpenClassifier opens;
    final ClickClassifier clicks;
    final int[] received;
    final int[] opened;
    final int[] messageStamp;
    final long[] messageTime;
    final boolean[] receivedNow;
    final int[] humanOpenStamp;
    final int[] humanClickStamp;
    final int[] complaintStamp;
    final int[] unsubscribeStamp;
    long sends;
    long delivered;
    long hardBounces;
    long softBounces;
    long complaints;
    long unsubscribes;
    long uniqueHumanOpens;
    long humanOpens;
    long machineOpens;
    long uniqueHumanClicks;
    long humanClicks;
    Map<String, long[]> links = new HashMap<>(); // url -> human clicks, unique people
    private final Map<String, Integer> linkStamp = new HashMap<>();

    Pass(int n, boolean[] proxyAgent, boolean[] scannerAgent, OpenClassifier opens, ClickClassifier clicks) {
      this.proxyAgent = proxyAgent;
      this.scannerAgent = scannerAgent;
      this.opens = opens;
      this.clicks = clicks;
      received = new int[n];
      opened = new int[n];
      messageStamp = new int[n];
      messageTime = new long[n];
      receivedNow = new boolean[n];
      humanOpenStamp = new int[n];
      humanClickStamp = new int[n];
      complaintStamp = new int[n];
      unsubscribeStamp = new int[n];
    }

    Counts counts() {
      return new Counts(sends, delivered, hardBounces, softBounces, uniqueHumanOpens, humanOpens, machineOpens,
          uniqueHumanClicks, humanClicks, complaints, unsubscribes);
    }

    void campaign(CampaignStats stats, int campaignId, int turn) {
      sends = 0;
      delivered = 0;
      hardBounces = 0;
      softBounces = 0;
      complaints = 0;
      unsubscribes = 0;
      uniqueHumanOpens = 0;
      humanOpens = 0;
      machineOpens = 0;
      uniqueHumanClicks = 0;
      humanClicks = 0;
      links = new HashMap<>();
      linkStamp.clear();
      List<ClickClassifier.Click> pending = new ArrayList<>();
      int[] current = {-1};
      stats.forEachOfCampaign(campaignId,
          (s, kind, time) -> {
            messageStamp[s] = turn;
            messageTime[s] = time;
            receivedNow[s] = kind.received();
            sends++;
            delivered += kind.received() ? 1 : 0;
            softBounces += kind.softBounce() ? 1 : 0;
            hardBounces += kind == CampaignStats.MessageKind.HARD_BOUNCE ? 1 : 0;
          },
          (s, type, at, agent, apple, machineFlag, url) -> {
            if (s != current[0]) {
              flushClicks(current[0], pending, turn);
              current[0] = s;
            }
            if (type == EventType.COMPLAINT || type == EventType.UNSUBSCRIBE) {
              int[] stamp = type == EventType.COMPLAINT ? complaintStamp : unsubscribeStamp;
              if (stamp[s] != turn) {
                stamp[s] = turn;
                if (type == EventType.COMPLAINT) {
                  complaints++;
                } else {
                  unsubscribes++;
                }
              }
              return;
            }
            long deliveredAt = messageStamp[s] == turn ? messageTime[s] : Long.MIN_VALUE;
            boolean known = agent > 0 && agent < proxyAgent.length;
            if (type == EventType.OPEN) {
              if (opens.classify(machineFlag, known && proxyAgent[agent], apple, at, deliveredAt).kind() == OpenKind.HUMAN) {
                humanOpens++;
                if (humanOpenStamp[s] != turn) {
                  humanOpenStamp[s] = turn;
                  uniqueHumanOpens++;
                }
              } else {
                machineOpens++;
              }
            } else {
              pending.add(new ClickClassifier.Click(at, url, machineFlag, known && scannerAgent[agent]));
            }
          });
      flushClicks(current[0], pending, turn);
      // The star model's counters: a received message, opened when a human open came (as the replay counts).
      for (int s = 0; s < received.length; s++) {
        if (messageStamp[s] == turn && receivedNow[s]) {
          received[s]++;
          if (humanOpenStamp[s] == turn) {
            opened[s]++;
          }
        }
      }
    }

    private void flushClicks(int s, List<ClickClassifier.Click> pending, int turn) {
      if (s < 0 || pending.isEmpty()) {
        pending.clear();
        return;
      }
      long delivered = messageStamp[s] == turn ? messageTime[s] : Long.MIN_VALUE;
      List<ClickReason> reasons = clicks.classify(pending, delivered);
      for (int i = 0; i < pending.size(); i++) {
        if (reasons.get(i).kind() != OpenKind.HUMAN) {
          continue;
        }
        humanClicks++;
        if (humanClickStamp[s] != turn) {
          humanClickStamp[s] = turn;
          uniqueHumanClicks++;
        }
        String url = pending.get(i).url();
        if (url != null) {
          long[] l = links.computeIfAbsent(url, k -> new long[2]);
          l[0]++;
          String who = url + "\n" + s;
          if (linkStamp.put(who, turn) == null) {
            l[1]++;
          }
        }
      }
      pending.clear();
    }

    /** Star subscribers after the campaigns walked so far. */
    long stars(StarCriteria criteria) {
      long n = 0;
      for (int s = 0; s < received.length; s++) {
        if (received[s] >= criteria.minCampaigns() && (double) opened[s] / received[s] >= criteria.minRatio()) {
          n++;
        }
      }
      return n;
    }
  }
}
