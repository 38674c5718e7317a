package dev.starling.engine.features;

/** Why an open was classified the way it was; {@code starling explain} shows these codes. */
public enum OpenReason {
  /** The provider said it was a machine (SendGrid {@code sg_machine_open}, Mailgun {@code client-info.bot}). */
  PROVIDER_MACHINE(OpenKind.MACHINE),
  /** Within the pre-fetch window of delivery: no person opens mail that fast, proxies and scanners do. */
  PREFETCH_TIMING(OpenKind.MACHINE),
  /** The bare privacy-proxy agent from Apple's network, or soon after delivery. */
  PRIVACY_PROXY(OpenKind.MACHINE),
  /** The provider said a person opened it. */
  PROVIDER_HUMAN(OpenKind.HUMAN),
  /** Nothing machine-like about it. */
  HUMAN(OpenKind.HUMAN);

  private final OpenKind kind;

  OpenReason(OpenKind kind) {
    this.kind = kind;
  }

  public OpenKind kind() {
    return kind;
  }
}
