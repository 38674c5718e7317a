package dev.starling.engine.features;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Tells human clicks from security scanners: the provider's verdict, a known scanner agent (the list
 * ships as data: {@code scanner-agents.txt}), a click within {@code scannerClickSeconds} of delivery,
 * or one of {@code burstClicks} distinct links of a message clicked within {@code burstSeconds}.
 * A click with no open is not on its own a machine click: many mail clients block images, so people
 * click without a tracked open.
 */
public final class ClickClassifier {
  private static final List<String> SCANNER_AGENTS = load("/dev/starling/engine/features/scanner-agents.txt");

  private final long scannerMillis;
  private final int burstClicks;
  private final long burstMillis;

  public ClickClassifier(EngagementSettings settings) {
    this.scannerMillis = settings.scannerClickSeconds() * 1000L;
    this.burstClicks = settings.burstClicks();
    this.burstMillis = settings.burstSeconds() * 1000L;
  }

  /** Whether a user agent is a known scanner's. */
  public static boolean isScannerAgent(String agent) {
    if (agent == null) {
      return false;
    }
    String a = agent.toLowerCase(Locale.ROOT);
    for (String s : SCANNER_AGENTS) {
      if (a.contains(s)) {
        return true;
      }
    }
    return false;
  }

  /** One click of a message, as the classifier needs it. */
  public record Click(long at, String url, Boolean providerFlag, boolean scannerAgent) {}

  /**
   * Classifies all clicks of one message together (bursts need them all).
   *
   * @param clicks the message's clicks, in any order
   * @param deliveredMillis the delivery (or send) time, or {@code Long.MIN_VALUE} if unknown
   * @return one reason per click, in the order given
   */
  public List<ClickReason> classify(List<Click> clicks, long deliveredMillis) {
    int n = clicks.size();
    boolean[] burst = new boolean[n];
    if (n >= burstClicks) {
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      java.util.Arrays.sort(order, (a, b) -> Long.compare(clicks.get(a).at(), clicks.get(b).at()));
      for (int lo = 0; lo < n; lo++) {
        Set<String> urls = new HashSet<>();
        int hi = lo;
        while (hi < n && clicks.get(order[hi]).at() - clicks.get(order[lo]).at() <= burstMillis) {
          urls.add(String.valueOf(clicks.get(order[hi]).url()));
          hi++;
        }
        if (urls.size() >= burstClicks) {
          for (int k = lo; k < hi; k++) {
            burst[order[k]] = true;
          }
        }
      }
    }
    List<ClickReason> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Click c = clicks.get(i);
      if (c.providerFlag() != null) {
        out.add(c.providerFlag() ? ClickReason.PROVIDER_MACHINE : ClickReason.PROVIDER_HUMAN);
      } else if (c.scannerAgent()) {
        out.add(ClickReason.KNOWN_SCANNER);
      } else if (deliveredMillis != Long.MIN_VALUE && c.at() - deliveredMillis >= 0 && c.at() - deliveredMillis < scannerMillis) {
        out.add(ClickReason.SCANNER_TIMING);
      } else if (burst[i]) {
        out.add(ClickReason.BURST);
      } else {
        out.add(ClickReason.HUMAN);
      }
    }
    return out;
  }

  static List<String> load(String resource) {
    List<String> out = new ArrayList<>();
    try (InputStream in = ClickClassifier.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the build");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        String t = line.strip().toLowerCase(Locale.ROOT);
        if (!t.isEmpty() && !t.startsWith("#")) {
          out.add(t);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(out);
  }
}
