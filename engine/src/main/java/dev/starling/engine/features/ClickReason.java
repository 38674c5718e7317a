package dev.starling.engine.features;

/** Why a click was classified the way it was; {@code starling explain} shows these codes. */
public enum ClickReason {
  /** The provider said it was a machine. */
  PROVIDER_MACHINE(OpenKind.MACHINE),
  /** A known security scanner or link checker's user agent. */
  KNOWN_SCANNER(OpenKind.MACHINE),
  /** Within seconds of delivery: scanners follow every link before a person could read the message. */
  SCANNER_TIMING(OpenKind.MACHINE),
  /** One of several distinct links of the message clicked within a burst of seconds. */
  BURST(OpenKind.MACHINE),
  /** The provider said a person clicked. */
  PROVIDER_HUMAN(OpenKind.HUMAN),
  /** Nothing machine-like about it. */
  HUMAN(OpenKind.HUMAN);

  private final OpenKind kind;

  ClickReason(OpenKind kind) {
    this.kind = kind;
  }

  public OpenKind kind() {
    return kind;
  }
}
