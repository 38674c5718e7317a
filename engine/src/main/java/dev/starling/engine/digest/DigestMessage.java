package dev.starling.engine.digest;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;

/**
 * Builds one digest as a MIME message: multipart/mixed of (multipart/alternative: text, then HTML) and the .xlsx
 * attachment. Every header value is one line (CR/LF neutralised before it gets here) and every name is
 * RFC 2047-encoded in UTF-8 by Jakarta Mail ({@code =?UTF-8?Q?Jos=C3=A9_N=C3=BA=C3=B1ez?=}).
 */
final class DigestMessage {
  private DigestMessage() {}

  /** The addresses a digest goes from and replies go to. */
  record Senders(InternetAddress from, InternetAddress replyTo) {
    static Senders of(String from, String replyTo) {
      return new Senders(address(from, "digest.from"), replyTo == null ? null : address(replyTo, "digest.reply-to"));
    }

    private static InternetAddress address(String text, String key) {
      try {
        InternetAddress a = new InternetAddress(MailText.singleLine(text), true);
        if (a.getPersonal() != null) {
          a.setPersonal(MailText.singleLine(a.getPersonal()), StandardCharsets.UTF_8.name());
        }
        return a;
      } catch (AddressException | UnsupportedEncodingException e) {
        throw new DigestException(key + " must be an email address, e.g. Starling <starling@example.com>, but was '" + text + "'", e);
      }
    }
  }

  static MimeMessage build(Session session, Digest d, DigestTemplates.Rendered r, byte[] xlsx, String attachmentName,
      Senders senders, Instant now) throws MessagingException {
    String messageId = messageId(d, senders.from(), now);
    MimeMessage m = new MimeMessage(session) {
      @Override
      protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
      }
    };
    m.setFrom(senders.from());
    if (senders.replyTo() != null) {
      m.setReplyTo(new InternetAddress[] {senders.replyTo()});
    }
    try {
      m.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(d.recipient().email(), d.recipient().name(), "UTF-8"));
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException("UTF-8 is always supported", e);
    }
    m.setSubject(r.subject(), "UTF-8");
    m.setSentDate(Date.from(now));
    m.setHeader("Content-Language", d.recipient().language().key());
    m.setHeader("X-Starling-Week", d.week());

    MimeBodyPart text = new MimeBodyPart();
    text.setText(r.text(), "UTF-8", "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(r.html(), "UTF-8", "html");
    MimeMultipart alternative = new MimeMultipart("alternative", text, html);
    MimeBodyPart body = new MimeBodyPart();
    body.setContent(alternative);

    MimeBodyPart attachment = new MimeBodyPart();
    attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(xlsx, XlsxAttachment.CONTENT_TYPE)));
    attachment.setFileName(attachmentName);
    attachment.setDisposition(MimeBodyPart.ATTACHMENT);

    m.setContent(new MimeMultipart("mixed", body, attachment));
    m.saveChanges();
    return m;
  }

  /** Unique per (week, recipient, moment), under the sender's domain, as RFC 5322 asks. */
  static String messageId(Digest d, InternetAddress from, Instant now) {
    String domain = from.getAddress().substring(from.getAddress().indexOf('@') + 1);
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(d.recipient().email().getBytes(StandardCharsets.UTF_8));
      return "<starling.digest." + d.week() + "." + HexFormat.of().formatHex(h, 0, 6) + "." + now.toEpochMilli() + "@" + domain + ">";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
