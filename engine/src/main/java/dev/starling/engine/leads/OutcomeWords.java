package dev.starling.engine.leads;

import dev.starling.connectors.spreadsheet.SubscriberColumns;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The words sales uses for an outcome, in English and Spanish, in a CRM export's status column or a reply
 * to the digest ({@code #123 ganado}): the participle, the verb and the Spanish feminine all count, in any
 * case and with or without accents. Also the Spanish spellings of the default rejection reasons
 * ({@code no encaja} is {@code not a fit}).
 */
public final class OutcomeWords {
  private static final Map<String, LeadStatus> STATUS = new LinkedHashMap<>();
  private static final Map<String, String> REASONS = new LinkedHashMap<>();

  static {
    words(LeadStatus.ACCEPTED, "accepted", "accept", "aceptado", "aceptada", "aceptar");
    words(LeadStatus.CONTACTED, "contacted", "contact", "contactado", "contactada", "contactar");
    words(LeadStatus.WON, "won", "win", "ganado", "ganada", "ganar");
    words(LeadStatus.LOST, "lost", "lose", "perdido", "perdida", "perder");
    words(LeadStatus.REJECTED, "rejected", "reject", "rechazado", "rechazada", "rechazar");
    REASONS.put("no encaja", "not a fit");
    REASONS.put("ya es cliente", LeadSettings.ALREADY_A_CUSTOMER);
    REASONS.put("persona equivocada", "wrong person");
    REASONS.put("persona incorrecta", "wrong person");
    REASONS.put("sin presupuesto", "no budget");
    REASONS.put("otro", "other");
    REASONS.put("otra", "other");
  }

  /** What a message says the status words are, for errors. */
  public static final String STATUS_WORDS = "accepted, contacted, won, lost, rejected (or aceptado, contactado, ganado,"
      + " perdido, rechazado)";

  private OutcomeWords() {}

  private static void words(LeadStatus status, String... words) {
    for (String w : words) {
      STATUS.put(w, status);
    }
  }

  /** The status a word names; empty for anything else (including {@code suggested}, which sales never records). */
  public static Optional<LeadStatus> status(String word) {
    return Optional.ofNullable(STATUS.get(SubscriberColumns.normalize(word)));
  }

  /**
   * The configured reason {@code text} names, in English (as configured) or by a Spanish spelling of a
   * default reason; empty when it names none.
   */
  public static Optional<String> reason(String text, List<String> configured) {
    String t = SubscriberColumns.normalize(text);
    for (String r : configured) {
      if (SubscriberColumns.normalize(r).equals(t)) {
        return Optional.of(r);
      }
    }
    String english = REASONS.get(t);
    return english != null && configured.contains(english) ? Optional.of(english) : Optional.empty();
  }

  /**
   * The configured reason {@code text} starts with (the longest that fits, whole words), and the rest of
   * the text: {@code not a fit, student} is {@code not a fit} and {@code student}.
   */
  public static Optional<Map.Entry<String, String>> leadingReason(String text, List<String> configured) {
    String[] words = text.strip().split("\\s+");
    for (int n = Math.min(words.length, 6); n >= 1; n--) {
      String head = String.join(" ", java.util.Arrays.copyOf(words, n)).replaceAll("[,.;:!]+$", "");
      Optional<String> r = reason(head, configured);
      if (r.isPresent()) {
        String rest = String.join(" ", java.util.Arrays.copyOfRange(words, n, words.length));
        return Optional.of(Map.entry(r.get(), rest.replaceFirst("^[,.;:!\\-–]+\\s*", "").strip()));
      }
    }
    return Optional.empty();
  }
}
