package dev.starling.engine.features;

/**
 * A star subscriber and the figures that make them one.
 *
 * @param received campaigns received (sent or delivered, not bounced)
 * @param opened distinct received campaigns with a human open
 * @param lastHumanAt the last human open or click (UTC epoch ms), or 0
 */
public record Star(
    String email,
    String name,
    String company,
    int received,
    int opened,
    int humanOpens,
    int machineOpens,
    int humanClicks,
    long lastHumanAt,
    SubscriberStatus status) {

  /** Share of received campaigns human-opened, 0..1. */
  public double ratio() {
    return received == 0 ? 0 : (double) opened / received;
  }
}
