package dev.starling.connectors.dsn;

import jakarta.mail.internet.MimeMessage;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognises automatic replies (RFC 3834: vacation, out-of-office) so a bounce mailbox's import skips
 * and counts them instead of calling them an unknown format. Asked only after the message proved to be
 * no bounce or complaint: bounces carry {@code Auto-Submitted} too.
 */
final class AutoReplies {

  static final String REASON = "auto-reply (RFC 3834)";

  // The subjects of the common clients' automatic replies, English, Spanish, and their neighbours'.
  private static final Pattern SUBJECT = Pattern.compile("^\\s*(automatic reply|auto(matic)?[- ]?(reply|response)|autoreply"
      + "|out of (the )?office|respuesta autom[aá]tica|fuera de la oficina|ausencia|r[ée]ponse automatique"
      + "|absence|abwesenheit|automatische antwort|resposta autom[aá]tica)\\b", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  private AutoReplies() {}

  static boolean isAutoReply(MimeMessage m) {
    String auto = DsnMessages.header(m, "Auto-Submitted");
    if (auto != null && !auto.toLowerCase(Locale.ROOT).startsWith("no")) {
      return true; // RFC 3834 section 5: auto-replied, auto-generated, auto-notified
    }
    if (DsnMessages.header(m, "X-Autoreply") != null || DsnMessages.header(m, "X-Autorespond") != null) {
      return true; // older vacation programs and cPanel
    }
    String precedence = DsnMessages.header(m, "Precedence");
    if (precedence != null && precedence.equalsIgnoreCase("auto_reply")) {
      return true;
    }
    String subject;
    try {
      subject = m.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      return false;
    }
    return subject != null && SUBJECT.matcher(subject).find();
  }
}
