package dev.starling.engine.campaigns;

/**
 * The figures of one campaign, or of several added up (a period, the whole report). Rates are
 * {@code null} when their base is zero, so an empty month shows an empty cell, not 0%.
 *
 * @param sends messages the store knows were sent (a send, delivery or bounce logged)
 * @param delivered messages that reached the inbox as far as the logs tell: a delivery, or a send with no
 *     bounce when the provider logs no deliveries; never a hard bounce. The base of every per-person rate,
 *     and the engagement model's "received"
 * @param uniqueHumanOpens people with at least one human open of the campaign (summed over campaigns for a period)
 * @param humanOpens human opens, every one
 * @param machineOpens machine opens (privacy proxies, pre-fetches, scanners), every one
 * @param uniqueHumanClicks people with at least one human click
 * @param humanClicks human clicks, every one
 * @param complaints people who complained
 * @param unsubscribes people who unsubscribed
 */
public record Counts(long sends, long delivered, long hardBounces, long softBounces, long uniqueHumanOpens, long humanOpens,
    long machineOpens, long uniqueHumanClicks, long humanClicks, long complaints, long unsubscribes) {
  public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  public Counts plus(Counts o) {
    return new Counts(sends + o.sends, delivered + o.delivered, hardBounces + o.hardBounces, softBounces + o.softBounces,
        uniqueHumanOpens + o.uniqueHumanOpens, humanOpens + o.humanOpens, machineOpens + o.machineOpens,
        uniqueHumanClicks + o.uniqueHumanClicks, humanClicks + o.humanClicks, complaints + o.complaints,
        unsubscribes + o.unsubscribes);
  }

  /** Unique human opens per delivered message. */
  public Double humanOpenRate() {
    return ratio(uniqueHumanOpens, delivered);
  }

  /** Unique human clicks per delivered message (the usual "click rate"). */
  public Double clickRate() {
    return ratio(uniqueHumanClicks, delivered);
  }

  /** Machine opens among all opens: how much of the raw open count is not people. */
  public Double machineOpenShare() {
    return ratio(machineOpens, humanOpens + machineOpens);
  }

  /** Hard and soft bounces per message sent. */
  public Double bounceRate() {
    return ratio(hardBounces + softBounces, sends);
  }

  public Double complaintRate() {
    return ratio(complaints, delivered);
  }

  public Double unsubscribeRate() {
    return ratio(unsubscribes, delivered);
  }

  private static Double ratio(long part, long whole) {
    return whole == 0 ? null : (double) part / whole;
  }
}
