package dev.starling.connectors;

import dev.starling.connectors.csv.StarlingCsvReader;
import dev.starling.connectors.dsn.DsnReader;
import dev.starling.connectors.listmonk.ListmonkReader;
import dev.starling.connectors.mailchimp.MailchimpActivityReader;
import dev.starling.connectors.mailchimp.MailchimpAudienceReader;
import dev.starling.connectors.mailgun.MailgunReader;
import dev.starling.connectors.mautic.MauticReader;
import dev.starling.connectors.postmark.PostmarkReader;
import dev.starling.connectors.sendgrid.SendGridReader;
import dev.starling.connectors.ses.SesReader;
import dev.starling.connectors.spreadsheet.SpreadsheetReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The registry of supported formats: each constant names a format, says what it is in one line, can
 * tell from a file's first bytes whether the file is of its kind, and opens a reader for it.
 */
public enum Format {
  STARLING_CSV("starling-csv", "Starling's own CSV: subscribers, campaigns or events, told apart by the header row") {
    @Override
    public FactReader open(InputStream in, String source) throws IOException {
      return new StarlingCsvReader(in, source);
    }

    @Override
    boolean sniff(String head) {
      // listmonk's export (uuid,email,...,created_at) and joined views dumps also pass Starling's check
      return StarlingCsvReader.looksLikeStarlingHeader(head) && !ListmonkReader.looksLikeListmonk(head);
    }
  },

  // Provider JSON event feeds. Each sniff needs the format's own keys in the first record and a '[' or
  // '{' as the first character, so none claims a CSV file or another provider's JSON.
  SENDGRID("sendgrid", "SendGrid Event Webhook JSON: an array of events or one event per line") {
    @Override
    public FactReader open(InputStream in, String source) throws IOException {
      return new SendGridReader(in, source);
    }

    @Override
    boolean sniff(String head) {
      return SendGridReader.looksLikeSendGrid(head);
    }
  },
  SES("ses", "Amazon SES event publishing or feedback notifications, bare or in SNS envelopes, one per line") {
    @Override
    public FactReader open(InputStream in, String source) throws IOException {
      return new SesReader(in, source);
    }

    @Override
    boolean sniff(String head) {
      return SesReader.looksLikeSes(head);
    }
  },
  MAILGUN("mailgun", "Mailgun Events API pages or webhook payloads (JSON)") {
    @Override
    public FactReader open(InputStream in, String source) throws IOException {
      return new MailgunReader(in, source);
    }

    @Override
    boolean sniff(String head) {
      return MailgunReader.looksLikeMailgun(head);
    }
  },
  POSTMARK("postmark", "Postmark webhook bodies (JSON), one per line") {
    @Override
    public FactReader open(InputStream in, String source) throws IOException {
      return new PostmarkReader(in, source);
    }

    @Override
    boolean sniff(String head) {
      return PostmarkReader.looksLikePostmark(head);
    }
  },
  MAILCHIMP_ACTIVITY("mailchimp-activity", "Mailchimp Reports API email activity (JSON): opens, clicks, bounces") {
    @Override
    public FactReader open(InputStream in, String source) throws IOException {
      return new MailchimpActivityReader(in, source);
    }

    @Override
    boolean sniff(String head) {
      return MailchimpActivityReader.looksLikeMailchimpActivity(head);
    }
  },

  // Tabular and bounce-mail formats. Specific formats first: detect() takes the first that claims a
  // file, and the generic spreadsheet would claim any table with an email column.
  MAILCHIMP_AUDIENCE("mailchimp-audience", "Mailchimp audience export: subscribed/unsubscribed/cleaned member CSVs, or their .zip") {
    @Override
    public FactReader open(InputStream in, String source) throws IOException {
      return MailchimpAudienceReader.open(in, source);
    }

    @Override
    boolean sniff(String head) {
      return MailchimpAudienceReader.looksLikeAudienceExport(head);
    }
  },

  MAUTIC("mautic", "Mautic exports: contacts (id + field aliases) or email_stats (sends and opens)") {
    @Override
    public FactReader open(InputStream in, String source) throws IOException {
      return new MauticReader(in, source);
    }

    @Override
    boolean sniff(String head) {
      return MauticReader.looksLikeMautic(head);
    }
  },

  LISTMONK("listmonk", "listmonk: subscriber export/import CSV, or psql dumps of campaign_views / link_clicks joined with emails") {
    @Override
    public FactReader open(InputStream in, String source) throws IOException {
      return new ListmonkReader(in, source);
    }

    @Override
    boolean sniff(String head) {
      return ListmonkReader.looksLikeListmonk(head);
    }
  },

  DSN("dsn", "Bounce mail, one .eml message or an mbox: RFC 3464 DSNs, RFC 5965 complaint reports, qmail/Exim/Sendmail plain-text bounces") {
    @Override
    public FactReader open(InputStream in, String source) {
      return new DsnReader(in, source);
    }

    @Override
    public FactReader open(InputStream in, String source, ReadLimits limits) {
      return new DsnReader(in, source, limits);
    }

    @Override
    boolean sniff(String head) {
      return DsnReader.looksLikeDsn(head);
    }
  },

  SPREADSHEET("spreadsheet", "Any subscriber list, or list of unsubscribes, bounces or complaints: .xlsx or CSV (comma, semicolon or tab; UTF-8 or Windows-1252), English or Spanish headers") {
    @Override
    public FactReader open(InputStream in, String source) throws IOException {
      return SpreadsheetReader.open(in, source);
    }

    @Override
    boolean sniff(String head) {
      return SpreadsheetReader.looksLikeSpreadsheet(head);
    }
  };

  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  private final String id;
  private final String description;

  Format(String id, String description) {
    this.id = id;
    this.description = description;
  }

  /** The name users type after {@code --format}. */
  public String id() {
    return id;
  }

  /** One line on what this format is, for {@code starling formats}. */
  public String description() {
    return description;
  }

  /**
   * Opens a streaming reader over {@code in}. The reader owns the stream and closes it.
   *
   * @param source the name used in rejections (file name, URL, message id)
   */
  public abstract FactReader open(InputStream in, String source) throws IOException;

  /** {@link #open(InputStream, String)} within {@code limits} (formats whose records can be huge use them). */
  public FactReader open(InputStream in, String source, ReadLimits limits) throws IOException {
    return open(in, source);
  }

  /** Whether a file starting with {@code head} (decoded as UTF-8 or else Windows-1252, BOM removed) is of this format. */
  abstract boolean sniff(String head);

  /** The format of the given name ({@link #id()}), case-insensitively. */
  public static Format byId(String id) {
    String wanted = id.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(f -> f.id.equals(wanted))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("format must be one of "
            + Arrays.stream(values()).map(Format::id).collect(Collectors.joining(", ")) + " but was '" + id + "'"));
  }

  /**
   * The first format that recognises a file from its first bytes, or empty.
   *
   * @param head the first few kilobytes of the file
   */
  public static Optional<Format> detect(byte[] head) {
    String text = decodeHead(head);
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    for (Format f : values()) {
      if (f.sniff(text)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /**
   * The head as UTF-8 when it is valid UTF-8 (a sequence cut by the end of the head is not an error),
   * else as Windows-1252: what Excel writes for "CSV" on a Spanish Windows, so that a header such as
   * {@code Correo electrónico;Nombre;País} is recognised in either encoding.
   */
  static String decodeHead(byte[] head) {
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    CharBuffer out = CharBuffer.allocate(head.length);
    CoderResult r = utf8.decode(ByteBuffer.wrap(head), out, false);
    if (r.isError()) {
      return new String(head, WINDOWS_1252);
    }
    return out.flip().toString();
  }
}
