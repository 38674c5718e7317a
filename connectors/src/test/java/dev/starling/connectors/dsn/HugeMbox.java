package dev.starling.connectors.dsn;

import dev.starling.connectors.Event;
import dev.starling.connectors.ReadLimits;
import dev.starling.connectors.ReadResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Run in a JVM of its own by {@link HugeMessageTest}: reads an mbox whose first bounce returns a copy
 * of a 1 GiB message, generated on the fly (nothing on disk), and prints what it read, one line a
 * result, then the bytes it consumed.
 */
public final class HugeMbox {

  static final long BODY_BYTES = 1L << 30;

  public static void main(String[] args) throws IOException {
    long body = args.length > 0 ? Long.parseLong(args[0]) : BODY_BYTES;
    Generated in = new Generated(first(), "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\n",
        body, "\n--b1--\n\n" + second());
    // the size limit raised past the message: memory must stay bounded by streaming alone
    try (DsnReader reader = new DsnReader(in, "huge.mbox", new ReadLimits(Long.MAX_VALUE, 100, Long.MAX_VALUE))) {
      for (ReadResult r = reader.next(); r != null; r = reader.next()) {
        System.out.println(r instanceof Event e ? "bounce " + e.email() + " " + e.bounceKind() + " " + e.campaignId()
            : r.toString());
      }
    }
    System.out.println("read " + in.served + " bytes");
  }

  static String first() {
    return """
        From MAILER-DAEMON Tue Jan 14 10:00:05 2025
        Date: Tue, 14 Jan 2025 10:00:05 +0000 (UTC)
        From: MAILER-DAEMON@mail.starling.test (Mail Delivery System)
        Subject: Undelivered Mail Returned to Sender
        To: bounces@news.starling.test
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="b1"
        Message-Id: <20250114100005.4Xyz1@mail.starling.test>

        --b1
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mail.starling.test
        Arrival-Date: Tue, 14 Jan 2025 09:59:58 +0000 (UTC)

        Final-Recipient: rfc822; maria.lopez@example.org
        Action: failed
        Status: 5.1.1
        Diagnostic-Code: smtp; 550 5.1.1 <maria.lopez@example.org>: Recipient address rejected: User unknown

        --b1
        Content-Type: message/rfc822

        From: news@starling.test
        To: maria.lopez@example.org
        Subject: Catalogo completo
        X-Campaign-Id: cat-2025
        MIME-Version: 1.0
        Content-Type: application/pdf
        Content-Transfer-Encoding: base64

        """;
  }

  static String second() {
    return """
        From MAILER-DAEMON Wed Jan 15 07:12:40 2025
        Date: Wed, 15 Jan 2025 07:12:40 +0100
        From: Mail Delivery Subsystem <MAILER-DAEMON@relay.example.net>
        Subject: Returned mail: see transcript for details
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="b2"

        --b2
        Content-Type: message/delivery-status

        Reporting-MTA: dns; relay.example.net

        Final-Recipient: RFC822; jose@nunez.es
        Action: failed
        Status: 4.2.2
        Diagnostic-Code: SMTP; 452 4.2.2 Mailbox full
        Last-Attempt-Date: Wed, 15 Jan 2025 07:12:40 +0100

        --b2
        Content-Type: text/rfc822-headers

        Subject: Novedades
        X-Campaign-Id: hv-2025-01

        --b2--
        """;
  }

  /** A prefix, one line repeated until {@code body} bytes, a suffix: served without ever being held whole. */
  static final class Generated extends InputStream {
    private final byte[] prefix;
    private final byte[] line;
    private final byte[] suffix;
    private final long total;
    long served;

    Generated(String prefix, String line, long body, String suffix) {
      this.prefix = prefix.getBytes(StandardCharsets.US_ASCII);
      this.line = line.getBytes(StandardCharsets.US_ASCII);
      this.suffix = suffix.getBytes(StandardCharsets.US_ASCII);
      long bodyRounded = body / this.line.length * this.line.length;
      this.total = this.prefix.length + bodyRounded + this.suffix.length;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (served >= total) {
        return -1;
      }
      int n = 0;
      while (n < len && served < total) {
        long bodyLength = total - prefix.length - suffix.length;
        byte[] from;
        int at;
        if (served < prefix.length) {
          from = prefix;
          at = (int) served;
        } else if (served - prefix.length < bodyLength) {
          from = line;
          at = (int) ((served - prefix.length) % line.length);
        } else {
          from = suffix;
          at = (int) (served - prefix.length - bodyLength);
        }
        int k = Math.min(len - n, from.length - at);
        System.arraycopy(from, at, b, off + n, k);
        n += k;
        served += k;
      }
      return n;
    }
  }
}
