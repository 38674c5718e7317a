package dev.starling.engine.outcomes;

import dev.starling.connectors.Rejection;
import dev.starling.engine.digest.Routing;
import dev.starling.engine.digest.Salesperson;
import dev.starling.engine.leads.LeadSettings;
import dev.starling.engine.mailbox.MailboxAddress;
import dev.starling.engine.mailbox.MailboxException;
import dev.starling.engine.mailbox.MailboxImporter;
import dev.starling.engine.store.ReplyLog;
import dev.starling.engine.store.Store;
import jakarta.mail.Address;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads salespeople's replies to the digest from an IMAP folder and records the outcome lines in them
 * ({@link ReplyText}). Why it works this way: the folder is opened read-only and each message is
 * remembered in the store by its Message-ID ({@code digest_replies}) in the same transaction as its
 * outcomes, so a reply is processed exactly once however often the mailbox is read, and the folder can
 * be the one {@code starling import} reads reports from (which flags messages its own way). A message
 * whose sender is not one of {@code digest.salespeople} is ignored, reported, and remembered; its sender
 * becomes the {@code --by} of every step otherwise. Each reply is recorded as an import (format
 * {@value OutcomeImport#REPLY_FORMAT}) named {@code reply <Message-ID>}, with its refused lines kept as
 * rejections ({@code reply <id>:LINE: reason}).
 */
public final class DigestReplies {
  private static final int TIMEOUT_MS = 30_000;

  /**
   * What one read of the mailbox did.
   *
   * @param messages the messages in the folder
   * @param alreadyRead those read on an earlier run
   * @param replies what each newly read reply recorded
   * @param ignored one line per newly ignored message: its sender and why
   */
  public record Summary(MailboxAddress mailbox, int messages, int alreadyRead, List<OutcomeImport.Summary> replies,
      List<String> ignored) {}

  private final Store store;
  private final Routing salespeople;
  private final LeadSettings settings;
  private final ZoneId zone;
  private final long now;

  /**
   * @param salespeople whose replies count ({@code digest.salespeople})
   * @param zone the team's time zone
   * @param now the real clock's time: the replies' steps are stamped with it
   */
  public DigestReplies(Store store, Routing salespeople, LeadSettings settings, ZoneId zone, long now) {
    this.store = store;
    this.salespeople = salespeople;
    this.settings = settings;
    this.zone = zone;
    this.now = now;
  }

  /**
   * Reads the replies of {@code mailbox} not read before.
   *
   * @param password read, never kept
   * @param allowPlaintext whether to speak unencrypted IMAP; {@code false} is IMAP over TLS with the host checked
   * @throws MailboxException when the server cannot be reached, refuses the login or has no such folder
   */
  public Summary read(MailboxAddress mailbox, char[] password, boolean allowPlaintext) {
    jakarta.mail.Store imap = MailboxImporter.connected(mailbox, password, allowPlaintext, Duration.ofMillis(TIMEOUT_MS));
    try {
      Folder folder = imap.getFolder(mailbox.folder());
      if (!folder.exists()) {
        throw new MailboxException("mailbox " + mailbox + ": no folder named '" + mailbox.folder() + "'");
      }
      folder.open(Folder.READ_ONLY);
      try {
        return readFolder(mailbox, folder);
      } finally {
        folder.close(false);
      }
    } catch (MessagingException | IOException e) {
      throw new MailboxException("cannot read " + mailbox + ": " + e.getMessage(), e);
    } finally {
      try {
        imap.close();
      } catch (MessagingException e) {
        // Nothing depends on a clean logout: the folder was only read.
      }
    }
  }

  private Summary readFolder(MailboxAddress mailbox, Folder folder) throws MessagingException, IOException {
    Message[] messages = folder.getMessages();
    ReplyLog log = new ReplyLog(store);
    List<OutcomeImport.Summary> replies = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    int already = 0;
    for (Message message : messages) {
      String id = messageId(message);
      if (store.read(tx -> log.seen(id))) {
        already++;
        continue;
      }
      String sender = sender(message);
      Optional<Salesperson> person = sender == null ? Optional.empty() : salespeople.person(sender);
      if (person.isEmpty()) {
        String who = sender == null ? "(no sender)" : sender;
        store.inTransaction(tx -> {
          log.remember(id, who, now, null);
          return null;
        });
        ignored.add("reply " + id + " from " + who + ": ignored, the sender is not one of digest.salespeople");
        continue;
      }
      String source = "reply " + id;
      List<Outcome> outcomes = new ArrayList<>();
      List<Rejection> rejections = new ArrayList<>();
      ReplyText.read(text(message), source, person.get().name(), settings, outcomes, rejections);
      String sha = HexFormat.of().formatHex(OutcomeImport.sha256().digest(id.getBytes(StandardCharsets.UTF_8)));
      replies.add(store.inTransaction(tx -> {
        OutcomeImport.Summary s = OutcomeImport.land(tx, store, source, sha, OutcomeImport.REPLY_FORMAT, outcomes,
            rejections, zone, now);
        log.remember(id, person.get().email(), now, s.importId());
        return s;
      }));
    }
    return new Summary(mailbox, messages.length, already, replies, ignored);
  }

  /** The Message-ID, or one made from the sender, date and subject for a message without one. */
  private static String messageId(Message message) throws MessagingException {
    String id = message instanceof MimeMessage m ? m.getMessageID() : null;
    if (id != null && !id.isBlank()) {
      return id.strip();
    }
    String made = Objects.toString(sender(message)) + "|" + message.getSentDate() + "|" + message.getSubject();
    return "<" + HexFormat.of().formatHex(OutcomeImport.sha256().digest(made.getBytes(StandardCharsets.UTF_8)), 0, 16)
        + "@starling.no-message-id>";
  }

  private static String sender(Message message) throws MessagingException {
    Address[] from = message.getFrom();
    if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress a) || a.getAddress() == null) {
      return null;
    }
    return a.getAddress().strip().toLowerCase(Locale.ROOT);
  }

  /** The reply's text: its text/plain part, else its HTML with the tags and quoted blocks taken out. */
  static String text(Part part) throws MessagingException, IOException {
    String plain = first(part, "text/plain");
    if (plain != null) {
      return plain;
    }
    String html = first(part, "text/html");
    if (html == null) {
      return "";
    }
    return html.replaceAll("(?is)<blockquote.*?</blockquote>", "\n-- \n")
        .replaceAll("(?i)<br\\s*/?>|</p>|</div>", "\n")
        .replaceAll("<[^>]*>", "")
        .replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
  }

  private static String first(Part part, String type) throws MessagingException, IOException {
    if (part.isMimeType(type) && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
      Object content = part.getContent();
      return content instanceof String s ? s : null;
    }
    if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart mp) {
      for (int i = 0; i < mp.getCount(); i++) {
        String found = first(mp.getBodyPart(i), type);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}
