package dev.starling.connectors.dsn;

import dev.starling.connectors.ReadResult;
import dev.starling.connectors.SmtpStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bounces that are not RFC 3464 reports but plain text, in the three layouts most often found in real
 * bounce mailboxes after the DSN itself:
 * <ul>
 *   <li><b>qmail's QSBMF</b> ("Hi. This is the qmail-send program at ..."), recipient paragraphs
 *       starting {@code <address>:}; Yahoo's older notices ("Sorry, we were unable to deliver your
 *       message to the following address.") use the same layout;</li>
 *   <li><b>Exim's classic "Mail delivery failed"</b> ("This message was created automatically by mail
 *       delivery software."), each failed address indented two spaces and its error four; Exim's
 *       "has not yet been delivered" warnings are skipped as delay warnings;</li>
 *   <li><b>Sendmail's pre-DSN text</b> ("----- The following addresses had permanent fatal errors -----"),
 *       each address followed by its {@code (reason: ...)}; the "transient non-fatal errors" variant is a
 *       delay warning.</li>
 * </ul>
 * The original headers are the quoted copy after each format's marker line (or an attached
 * {@code message/rfc822} part); the time is the bounce's own {@code Date}.
 */
final class PlainBounces {

  private static final Pattern QSBMF = Pattern.compile("^(Hi\\. This is the qmail-send program|I'm afraid I wasn't able to "
      + "deliver your message|Sorry, we were unable to deliver your message to the following address)", Pattern.MULTILINE);
  private static final Pattern QSBMF_COPY = Pattern.compile("^--- (Below this line|Enclosed are)[^\\n]*$", Pattern.MULTILINE);
  private static final Pattern QSBMF_RECIPIENT = Pattern.compile("^<([^>\\s]*)>:\\s*(.*)$");

  private static final String EXIM = "This message was created automatically by mail delivery software.";
  private static final Pattern EXIM_COPY = Pattern.compile("^-{3,} (This is a copy of|The body of the message|The following text)[^\\n]*$",
      Pattern.MULTILINE);
  private static final Pattern EXIM_FAILED = Pattern.compile("^.*(address\\(es\\) failed|addresses failed|failed):\\s*$",
      Pattern.MULTILINE);
  private static final Pattern EXIM_ADDRESS = Pattern.compile("^ {1,3}<?([^\\s<>@]+@[^\\s<>]+?)>?(?:\\s.*)?$");

  private static final Pattern SENDMAIL = Pattern.compile("^\\s*-+ The following addresses had (permanent fatal|transient non-fatal) errors -+\\s*$",
      Pattern.MULTILINE);
  private static final Pattern SENDMAIL_COPY = Pattern.compile("^\\s*-+ *(Original message|Message header|Returned (mail|message)|"
      + "Unsent message)[^\\n]*follows *-+\\s*$", Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);
  private static final Pattern SENDMAIL_ADDRESS = Pattern.compile("^<?([^\\s<>@]+@[^\\s<>]+?)>?(?:\\s.*)?$");
  private static final Pattern SENDMAIL_REASON = Pattern.compile("^\\s*\\(reason: (.*)\\)\\s*$");

  private PlainBounces() {}

  /** The results of a plain-text bounce, or {@code null} when {@code body} is none of the layouts. */
  static List<ReadResult> read(String body, ReturnedHeaders attached, DsnMessages.Where where) {
    if (body == null) {
      return null;
    }
    String b = body.replace("\r\n", "\n").replace('\r', '\n');
    ReturnedHeaders given = attached == null ? ReturnedHeaders.NONE : attached;
    if (QSBMF.matcher(b).find()) {
      return qsbmf(b, given, where);
    }
    if (b.contains(EXIM)) {
      return exim(b, given, where);
    }
    Matcher sendmail = SENDMAIL.matcher(b);
    if (sendmail.find()) {
      return sendmail(b, sendmail, given, where);
    }
    return null;
  }

  private static List<ReadResult> qsbmf(String b, ReturnedHeaders given, DsnMessages.Where where) {
    Matcher copy = QSBMF_COPY.matcher(b);
    String report = b;
    ReturnedHeaders original = given;
    if (copy.find()) {
      report = b.substring(0, copy.start());
      if (!original.present()) {
        original = ReturnedHeaders.parse(b.substring(copy.end()));
      }
    }
    List<String[]> failures = new ArrayList<>();
    for (String paragraph : report.split("\\n[ \\t]*\\n")) {
      String[] lines = paragraph.strip().split("\\n");
      Matcher m = QSBMF_RECIPIENT.matcher(lines[0].strip());
      if (!m.matches()) {
        continue;
      }
      StringBuilder text = new StringBuilder(m.group(2));
      for (int i = 1; i < lines.length; i++) {
        text.append(' ').append(lines[i].strip());
      }
      failures.add(new String[] {m.group(1), text.toString().strip()});
    }
    return bounces(failures, original, where, "qmail");
  }

  private static List<ReadResult> exim(String b, ReturnedHeaders given, DsnMessages.Where where) {
    Matcher copy = EXIM_COPY.matcher(b);
    String report = b;
    ReturnedHeaders original = given;
    if (copy.find()) {
      report = b.substring(0, copy.start());
      if (!original.present()) {
        original = ReturnedHeaders.parse(b.substring(copy.end()));
      }
    }
    if (report.contains("has not yet been delivered")) {
      return List.of(where.skip("delay warning (Exim: not yet delivered)"));
    }
    Matcher failed = EXIM_FAILED.matcher(report);
    if (!failed.find()) {
      return List.of(where.reject("is an Exim bounce without its \"The following address(es) failed:\" list", ""));
    }
    List<String[]> failures = new ArrayList<>();
    String address = null;
    StringBuilder text = new StringBuilder();
    for (String line : report.substring(failed.end()).split("\\n")) {
      Matcher a = EXIM_ADDRESS.matcher(line);
      if (a.matches()) {
        if (address != null) {
          failures.add(new String[] {address, text.toString().strip()});
        }
        address = a.group(1);
        text.setLength(0);
      } else if (address != null && line.startsWith("    ")) {
        text.append(' ').append(line.strip());
      } else if (address != null && !line.isBlank()) {
        break; // the explanation after the list
      }
    }
    if (address != null) {
      failures.add(new String[] {address, text.toString().strip()});
    }
    return bounces(failures, original, where, "Exim");
  }

  private static List<ReadResult> sendmail(String b, Matcher header, ReturnedHeaders given, DsnMessages.Where where) {
    if (header.group(1).startsWith("transient")) {
      return List.of(where.skip("delay warning (Sendmail: transient non-fatal errors)"));
    }
    Matcher copy = SENDMAIL_COPY.matcher(b);
    String report = b;
    ReturnedHeaders original = given;
    if (copy.find(header.end())) {
      report = b.substring(0, copy.start());
      if (!original.present()) {
        original = ReturnedHeaders.parse(b.substring(copy.end()));
      }
    }
    List<String[]> failures = new ArrayList<>();
    String[] lines = report.substring(header.end()).split("\\n");
    int i = 0;
    while (i < lines.length && lines[i].isBlank()) {
      i++;
    }
    for (; i < lines.length && !lines[i].isBlank(); i++) {
      Matcher reason = SENDMAIL_REASON.matcher(lines[i]);
      if (reason.matches() && !failures.isEmpty()) {
        failures.get(failures.size() - 1)[1] = reason.group(1).strip();
        continue;
      }
      Matcher a = SENDMAIL_ADDRESS.matcher(lines[i].strip());
      if (a.matches()) {
        failures.add(new String[] {a.group(1), transcriptLine(report, a.group(1))});
      }
    }
    return bounces(failures, original, where, "Sendmail");
  }

  /** The server's reply about {@code address} in Sendmail's transcript ({@code <<< 550 5.1.1 <a@b>... User unknown}), or "". */
  private static String transcriptLine(String report, String address) {
    for (String line : report.split("\\n")) {
      String t = line.strip();
      if (t.startsWith("<<< ") && t.toLowerCase(Locale.ROOT).contains(address.toLowerCase(Locale.ROOT))) {
        return t.substring(4).strip();
      }
    }
    return "";
  }

  private static List<ReadResult> bounces(List<String[]> failures, ReturnedHeaders original, DsnMessages.Where where,
      String layout) {
    if (failures.isEmpty()) {
      return List.of(where.reject("is a " + layout + " bounce that names no failed recipient", ""));
    }
    Long at = DsnMessages.firstTime(null, null, where);
    List<ReadResult> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String[] f : failures) {
      String address = f[0];
      String diagnostic = f[1].isEmpty() ? null : f[1];
      String raw = address + ": " + DsnMessages.nullToEmpty(diagnostic);
      if (!seen.add(address.toLowerCase(Locale.ROOT))) {
        continue;
      }
      if (at == null) {
        out.add(where.reject("recipient " + address + ": has no time: the bounce has no readable Date header", raw));
        continue;
      }
      SmtpStatus smtp = diagnostic == null ? null : SmtpStatus.of(null, diagnostic);
      out.add(DsnMessages.bounce(where, address, at, smtp, diagnostic, original, raw));
    }
    return out;
  }
}
