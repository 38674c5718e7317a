package dev.starling.engine.digest;

/** Text that goes into a mail header: one line, whatever the data held. */
final class MailText {
  private MailText() {}

  /**
   * {@code s} with every control character (CR and LF above all: header injection) replaced by a space
   * and runs of spaces collapsed, trimmed.
   */
  static String singleLine(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      b.append(Character.isISOControl(ch) || ch == '\u2028' || ch == '\u2029' ? ' ' : ch);
    }
    return b.toString().replaceAll(" {2,}", " ").strip();
  }
}
