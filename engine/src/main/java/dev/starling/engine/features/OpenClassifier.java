package dev.starling.engine.features;

/**
 * Tells human opens from machine opens, the same way for every provider's logs.
 *
 * <p>In order: a provider's own verdict wins; an open within {@code prefetchSeconds} of delivery is a
 * pre-fetch; the bare {@code Mozilla/5.0} agent of Apple's Mail Privacy Protection proxy is a machine
 * open when it comes from Apple's 17.0.0.0/8 network or within {@code proxyWindowSeconds} of
 * delivery. Everything else is human, including Gmail's image proxy ({@code GoogleImageProxy}),
 * which fetches when the person opens the message.
 */
public final class OpenClassifier {
  public static final String PROXY_AGENT = "Mozilla/5.0";

  private final long prefetchMillis;
  private final long proxyWindowMillis;

  public OpenClassifier(EngagementSettings settings) {
    this.prefetchMillis = settings.prefetchSeconds() * 1000L;
    this.proxyWindowMillis = settings.proxyWindowSeconds() * 1000L;
  }

  /**
   * @param providerFlag the provider's verdict ({@code TRUE} machine), or {@code null}
   * @param agent the user agent, or {@code null}
   * @param ip the opener's address, or {@code null}
   * @param openMillis when the open happened
   * @param deliveredMillis when the message was delivered (or sent, if no delivery was logged), or
   *     {@code Long.MIN_VALUE} when the store has no send for it
   */
  public OpenReason classify(Boolean providerFlag, String agent, String ip, long openMillis, long deliveredMillis) {
    return classify(providerFlag, PROXY_AGENT.equals(agent), isAppleNetwork(ip), openMillis, deliveredMillis);
  }

  /**
   * As above, with the agent and address already reduced to the two facts the rules look at: what the
   * replay and the campaign figures read from the store (no per-event strings).
   */
  public OpenReason classify(Boolean providerFlag, boolean proxyAgent, boolean appleNetwork, long openMillis, long deliveredMillis) {
    if (providerFlag != null) {
      return providerFlag ? OpenReason.PROVIDER_MACHINE : OpenReason.PROVIDER_HUMAN;
    }
    boolean known = deliveredMillis != Long.MIN_VALUE;
    long since = known ? openMillis - deliveredMillis : Long.MAX_VALUE;
    if (known && since >= 0 && since < prefetchMillis) {
      return OpenReason.PREFETCH_TIMING;
    }
    if (proxyAgent && (appleNetwork || (since >= 0 && since < proxyWindowMillis))) {
      return OpenReason.PRIVACY_PROXY;
    }
    return OpenReason.HUMAN;
  }

  /** Apple owns 17.0.0.0/8, where its privacy proxy fetches from. */
  static boolean isAppleNetwork(String ip) {
    return ip != null && ip.startsWith("17.") && ip.indexOf(':') < 0;
  }
}
