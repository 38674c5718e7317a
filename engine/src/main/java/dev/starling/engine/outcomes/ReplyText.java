package dev.starling.engine.outcomes;

import dev.starling.connectors.Rejection;
import dev.starling.engine.leads.LeadSettings;
import dev.starling.engine.leads.LeadStatus;
import dev.starling.engine.leads.OutcomeWords;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The outcome lines of a salesperson's reply to the digest: one line per lead, {@code #ID STATUS [text]},
 * for example {@code #123 won}, {@code #124 reject not a fit}, {@code #125 contacted called on Tuesday},
 * or in Spanish {@code #123 ganado}, {@code #124 rechazar no encaja}. After a rejection the text starts
 * with the reason when it names one of the configured reasons (the rest is the note); after any other
 * status the text is the note.
 *
 * <p>What is not the reply's own text is skipped: lines quoted with {@code >}, everything from the
 * quote header a mail program writes ({@code On Mon, 2 Mar 2026, Starling wrote:}, {@code El lun, 2 mar
 * 2026, Starling escribió:}, possibly wrapped over two lines, or Outlook's {@code -----Original Message-----}
 * and {@code From:} block) and everything from the signature separator ({@code --}). Other lines
 * (greetings, thanks) are ignored; a line that starts with {@code #} and a number but names no status is
 * a rejected line.
 */
final class ReplyText {
  private static final Pattern OUTCOME = Pattern.compile("#\\s*(\\d{1,18})\\s*[:.,-]?\\s*(\\S+)\\s*(.*)");
  private static final Pattern LEAD_LINE = Pattern.compile("#\\s*\\d+.*");
  private static final Pattern QUOTE_HEADER = Pattern.compile("(?i)^(on|el)\\s.*");
  private static final Pattern QUOTE_HEADER_END = Pattern.compile("(?i).*(wrote|escribió|escribio):\\s*$");
  private static final Pattern OUTLOOK = Pattern.compile("(?i)^-{2,}\\s*(original message|mensaje original)\\s*-{2,}$"
      + "|^(from|de):\\s.*");

  private ReplyText() {}

  /** The outcome lines and the rejected lines of {@code body}; {@code source} names the reply in rejections. */
  static void read(String body, String source, String by, LeadSettings settings, List<Outcome> outcomes,
      List<Rejection> rejections) {
    String[] lines = body.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (ends(lines, i)) {
        return;
      }
      if (line.startsWith(">") || !LEAD_LINE.matcher(line).matches()) {
        continue;
      }
      Matcher m = OUTCOME.matcher(line);
      Optional<LeadStatus> status = m.matches() ? OutcomeWords.status(m.group(2)) : Optional.empty();
      if (status.isEmpty()) {
        rejections.add(new Rejection(source, i + 1, "must be '#ID STATUS [reason] [note]' with STATUS one of "
            + OutcomeWords.STATUS_WORDS + " but was '" + line + "'", line));
        continue;
      }
      String rest = m.group(3).replaceFirst("^[:,.;\\-–]+\\s*", "").strip();
      String reason = null;
      String note = rest;
      if (status.get() == LeadStatus.REJECTED) {
        Optional<Map.Entry<String, String>> r = OutcomeWords.leadingReason(rest, settings.rejectionReasons());
        if (r.isPresent()) {
          reason = r.get().getKey();
          note = r.get().getValue();
        }
      }
      outcomes.add(new Outcome(source, i + 1, Long.parseLong(m.group(1)), null, status.get(), null, false, by,
          note.isEmpty() ? null : note, reason, line));
    }
  }

  /** Whether the reply's own text ends at line {@code i}: a signature, or the start of the quoted message. */
  private static boolean ends(String[] lines, int i) {
    String raw = lines[i];
    String line = raw.strip();
    if (raw.equals("-- ") || line.equals("--")) {
      return true;
    }
    if (OUTLOOK.matcher(line).matches()) {
      return true;
    }
    if (QUOTE_HEADER.matcher(line).matches()) {
      return QUOTE_HEADER_END.matcher(line).matches()
          || (i + 1 < lines.length && QUOTE_HEADER_END.matcher(lines[i + 1].strip()).matches());
    }
    return false;
  }
}
