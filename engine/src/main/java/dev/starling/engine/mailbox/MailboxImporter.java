package dev.starling.engine.mailbox;

import dev.starling.connectors.ReadLimits;
import dev.starling.engine.app.Starling;
import dev.starling.engine.error.StarlingException;
import dev.starling.engine.ingest.ImportListener;
import dev.starling.engine.ingest.ImportSummary;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import jakarta.mail.search.FlagTerm;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Imports the reports waiting in an IMAP folder into a {@link Starling} data directory.
 *
 * <p>Why it works this way: the mailbox itself remembers what was imported, as the user flag
 * {@value #IMPORTED_FLAG} on each message, so runs can be repeated (from cron, by hand) without a state file
 * and a message that failed is simply tried again next time; the importer's own skip of identical files makes
 * a retry after a partial failure harmless. Content goes from the server to a temporary file in chunks
 * (Jakarta Mail's partial fetch) and from there through the ordinary file import, so an attachment of any
 * size never sits in memory and every format and its detection behave exactly as for {@code starling import}.
 */
public final class MailboxImporter {
  /** The IMAP user flag set on each message whose files were imported. */
  public static final String IMPORTED_FLAG = "$StarlingImported";

  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  private static final List<String> IMPORTABLE = List.of(".csv", ".csv.gz", ".xlsx", ".json", ".ndjson");

  private final Starling starling;
  private final Duration timeout;

  private MailboxImporter(Starling starling, Duration timeout) {
    this.starling = Objects.requireNonNull(starling, "starling");
    this.timeout = timeout;
  }

  /** An importer into {@code starling} with 30-second connection and read timeouts. */
  public static MailboxImporter into(Starling starling) {
    return new MailboxImporter(starling, DEFAULT_TIMEOUT);
  }

  /** The same importer with another connection and read timeout (a server that goes silent fails after it). */
  public MailboxImporter withTimeout(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("timeout must be positive (and under 24 days) but was " + timeout);
    }
    return new MailboxImporter(starling, timeout);
  }

  /**
   * Imports every message of {@code mailbox} not yet marked {@value #IMPORTED_FLAG}: bounce mail (any
   * {@code multipart/report}, or a plain-text message from MAILER-DAEMON or postmaster, or marked
   * {@code Auto-Submitted}) as one {@code .eml} file read by the {@code dsn} format, otherwise each
   * attachment named {@code *.csv}, {@code *.csv.gz}, {@code *.xlsx}, {@code *.json} or {@code *.ndjson}, all with
   * format detection. A message is marked once all its files are imported, or when it has nothing to import; a
   * message whose import fails is reported in {@link MailboxSummary#failures()} and left unmarked.
   *
   * @param password the login password; read, never kept, logged or shown, and not cleared (the caller owns it)
   * @param allowPlaintext whether to speak unencrypted IMAP (STARTTLS is still used if the server offers it);
   *     {@code false} means IMAP over TLS with the server's certificate and host name checked
   * @throws MailboxException when the server cannot be reached, refuses the login or has no such folder
   */
  public MailboxSummary importFrom(MailboxAddress mailbox, char[] password, boolean allowPlaintext) {
    Objects.requireNonNull(mailbox, "mailbox");
    Objects.requireNonNull(password, "password");
    Store store = connected(mailbox, password, allowPlaintext, timeout);
    try {
      Folder folder = open(store, mailbox);
      try {
        return importFolder(mailbox, folder);
      } finally {
        closeQuietly(folder);
      }
    } finally {
      try {
        store.close();
      } catch (MessagingException e) {
        // Nothing depends on a clean logout; the flags were already stored.
      }
    }
  }

  /**
   * A store logged in to {@code mailbox}'s server (the caller closes it): IMAP over TLS with the server's
   * certificate and host name checked, or plaintext IMAP with STARTTLS when offered. A failure is one
   * line saying what to check (the host, the port, the password, TLS).
   *
   * @param password read, never kept
   * @throws MailboxException when the server cannot be reached or refuses the login
   */
  public static Store connected(MailboxAddress mailbox, char[] password, boolean allowPlaintext, Duration timeout) {
    String protocol = allowPlaintext ? "imap" : "imaps";
    Store store;
    try {
      store = Session.getInstance(properties(protocol, timeout)).getStore(protocol);
    } catch (MessagingException e) {
      throw new MailboxException("no IMAP provider for '" + protocol + "' on the class path", e);
    }
    connect(store, mailbox, password, allowPlaintext);
    return store;
  }

  private static Properties properties(String protocol, Duration timeout) {
    String ms = Long.toString(timeout.toMillis());
    Properties p = new Properties();
    p.setProperty("mail." + protocol + ".connectiontimeout", ms);
    p.setProperty("mail." + protocol + ".timeout", ms);
    if (protocol.equals("imaps")) {
      p.setProperty("mail.imaps.ssl.checkserveridentity", "true");
    } else {
      p.setProperty("mail.imap.starttls.enable", "true");
    }
    return p;
  }

  private static void connect(Store store, MailboxAddress mailbox, char[] password, boolean allowPlaintext) {
    try {
      // Jakarta Mail takes the password only as a String; it lives no longer than this call needs.
      store.connect(mailbox.host(), mailbox.port(), mailbox.user(), new String(password));
    } catch (AuthenticationFailedException e) {
      throw new MailboxException("cannot log in to " + mailbox + ": the server refused the user or password ("
          + e.getMessage() + ")", e);
    } catch (MessagingException e) {
      String how = allowPlaintext ? "" : " over TLS";
      throw new MailboxException("cannot connect to " + mailbox + how + ": " + whyNoConnection(e, mailbox, allowPlaintext), e);
    }
  }

  /**
   * Why the connection failed, and what to do. Turning TLS off is suggested only when a server did answer
   * and the TLS handshake failed (it spoke plaintext): for a host that does not exist, a port nobody
   * listens on or a silent server, plaintext would fail the same way and the advice would only weaken security.
   */
  private static String whyNoConnection(MessagingException e, MailboxAddress mailbox, boolean allowPlaintext) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.net.UnknownHostException) {
        return "no host named '" + mailbox.host() + "' was found; check the host name in the address";
      }
      if (t instanceof java.net.ConnectException) {
        return "nothing accepts connections on port " + mailbox.port() + " of " + mailbox.host() + " (" + rootMessage(e)
            + "); check the host and the port (IMAP over TLS is usually 993, plaintext IMAP 143)";
      }
      if (t instanceof java.net.SocketTimeoutException) {
        return "no answer from " + mailbox.host() + ":" + mailbox.port() + " (" + rootMessage(e) + "); check the host,"
            + " the port and any firewall";
      }
      if (t instanceof javax.net.ssl.SSLException && !allowPlaintext) {
        return rootMessage(e) + "; if this server speaks only plaintext IMAP and you accept that, allow plaintext"
            + " (--insecure-plaintext)";
      }
    }
    return rootMessage(e);
  }

  private static Folder open(Store store, MailboxAddress mailbox) {
    try {
      Folder folder = store.getFolder(mailbox.folder());
      if (!folder.exists()) {
        throw new MailboxException("mailbox " + mailbox + ": no folder named '" + mailbox.folder() + "'");
      }
      folder.open(Folder.READ_WRITE);
      return folder;
    } catch (MessagingException e) {
      throw new MailboxException("cannot open " + mailbox + ": " + rootMessage(e), e);
    }
  }

  private MailboxSummary importFolder(MailboxAddress mailbox, Folder folder) {
    List<ImportSummary> files = new ArrayList<>();
    List<MessageFailure> failures = new ArrayList<>();
    int seen;
    int imported = 0;
    int ignored = 0;
    Message[] pending;
    try {
      seen = folder.getMessageCount();
      pending = folder.search(new FlagTerm(new Flags(IMPORTED_FLAG), false));
      FetchProfile profile = new FetchProfile();
      profile.add(FetchProfile.Item.CONTENT_INFO);
      profile.add(FetchProfile.Item.SIZE);
      profile.add("Message-ID");
      folder.fetch(pending, profile);
    } catch (MessagingException e) {
      throw new MailboxException("cannot list the messages of " + mailbox + ": " + rootMessage(e), e);
    }
    for (Message message : pending) {
      String messageId = messageId(message);
      MessageImport result = importMessage(message);
      files.addAll(result.files());
      if (result.failure() != null) {
        failures.add(new MessageFailure(message.getMessageNumber(), messageId, result.failure()));
        continue;
      }
      try {
        message.setFlags(new Flags(IMPORTED_FLAG), true);
      } catch (MessagingException e) {
        failures.add(new MessageFailure(message.getMessageNumber(), messageId,
            "imported, but cannot be marked " + IMPORTED_FLAG + " (it will be read again next time): " + rootMessage(e)));
        continue;
      }
      if (result.files().isEmpty()) {
        ignored++;
      } else {
        imported++;
      }
    }
    return new MailboxSummary(mailbox, seen, imported, seen - pending.length, ignored, files, failures);
  }

  /** The files of one message, imported; {@code failure} is set when the message must stay unmarked. */
  private record MessageImport(List<ImportSummary> files, String failure) {}

  private MessageImport importMessage(Message message) {
    List<ImportSummary> done = new ArrayList<>();
    Path dir = null;
    String current = null;
    try {
      // The server tells the size before anything is downloaded: a message over the limit stays on the
      // server, unmarked, so raising import.max-message-size and running again reads it.
      long max = starling.config().limits().maxMessageBytes();
      int size = message.getSize();
      if (size > max) {
        return new MessageImport(done, "message " + message.getMessageNumber() + " is " + ReadLimits.bytes(size)
            + ", larger than the limit of " + ReadLimits.bytes(max) + " (import.max-message-size); not downloaded");
      }
      dir = Files.createTempDirectory("starling-imap-");
      if (isDeliveryReport(message)) {
        current = "message-" + message.getMessageNumber() + ".eml";
        Path file = dir.resolve(current);
        try (OutputStream out = Files.newOutputStream(file)) {
          message.writeTo(out);
        }
        done.add(importOne(file));
      } else {
        List<Part> attachments = new ArrayList<>();
        collectAttachments(message, attachments);
        for (Part part : attachments) {
          current = safeName(part.getFileName());
          Path file = uniqueIn(dir, current);
          try (InputStream in = part.getInputStream()) {
            Files.copy(in, file);
          }
          done.add(importOne(file));
        }
      }
      return new MessageImport(done, null);
    } catch (StarlingException e) {
      return new MessageImport(done, e.getMessage());
    } catch (MessagingException | IOException | UncheckedIOException e) {
      String what = current == null ? "cannot read the message: " : current + ": cannot read: ";
      return new MessageImport(done, what + rootMessage(e));
    } finally {
      deleteTree(dir);
    }
  }

  private ImportSummary importOne(Path file) {
    try {
      return starling.importFile(file, null, ImportListener.NONE);
    } catch (StarlingException e) {
      // The importer names the file by its temporary path; the user knows it by the attachment's name.
      String name = file.getFileName().toString();
      throw new StarlingException(String.valueOf(e.getMessage()).replace(file.toString(), name), e);
    }
  }

  /**
   * Any {@code multipart/report}: a delivery status notification (with or without its
   * {@code report-type}, as some servers send it) or an RFC 5965 complaint report; the bounce-mail
   * reader tells them apart.
   */
  private static boolean isDeliveryReport(Part part) throws MessagingException {
    return part.isMimeType("multipart/report") || isPlainBounceOrAutoReply(part);
  }

  /**
   * A message with no attachment that a mail system wrote: from MAILER-DAEMON or postmaster (qmail,
   * Exim and Sendmail plain-text bounces), or marked {@code Auto-Submitted} (RFC 3834 auto-replies, which
   * the import counts as skipped). A person's own reply is neither and is left alone.
   */
  private static boolean isPlainBounceOrAutoReply(Part part) throws MessagingException {
    if (!part.isMimeType("text/plain") || !(part instanceof MimeMessage m)) {
      return false;
    }
    String[] auto = m.getHeader("Auto-Submitted");
    if (auto != null && auto.length > 0 && !auto[0].strip().toLowerCase(Locale.ROOT).startsWith("no")) {
      return true;
    }
    String from = m.getHeader("From", null);
    String f = from == null ? "" : from.toLowerCase(Locale.ROOT);
    return f.contains("mailer-daemon") || f.contains("postmaster@");
  }

  /** The parts with an importable file name, depth first, looking inside forwarded messages too. */
  private static void collectAttachments(Part part, List<Part> into) throws MessagingException, IOException {
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        collectAttachments(multipart.getBodyPart(i), into);
      }
      return;
    }
    if (part.isMimeType("message/rfc822") && part.getContent() instanceof Part inner) {
      collectAttachments(inner, into);
      return;
    }
    String name = part.getFileName();
    if (name != null && isImportable(decode(name))) {
      into.add(part);
    }
  }

  static boolean isImportable(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    return IMPORTABLE.stream().anyMatch(lower::endsWith);
  }

  private static String decode(String name) {
    try {
      return MimeUtility.decodeText(name);
    } catch (java.io.UnsupportedEncodingException e) {
      return name;
    }
  }

  /** The attachment's own name, without any directories it claims and without characters no file system takes. */
  static String safeName(String raw) {
    String name = decode(raw);
    name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    name = name.replaceAll("[\\p{Cntrl}:*?\"<>|]", "_").strip();
    return name.isEmpty() || name.equals(".") || name.equals("..") ? "attachment" : name;
  }

  private static Path uniqueIn(Path dir, String name) {
    Path file = dir.resolve(name);
    for (int n = 2; Files.exists(file); n++) {
      file = dir.resolve(n + "-" + name);
    }
    return file;
  }

  private static String messageId(Message message) {
    try {
      String id = message instanceof MimeMessage mime ? mime.getMessageID() : null;
      return id == null ? "(no Message-ID)" : id;
    } catch (MessagingException e) {
      return "(no Message-ID)";
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    String message = e.getMessage();
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
      if (t.getMessage() != null) {
        message = t.getMessage();
      }
    }
    return message == null ? e.getClass().getSimpleName() : message;
  }

  private static void closeQuietly(Folder folder) {
    try {
      if (folder.isOpen()) {
        folder.close(false);
      }
    } catch (MessagingException e) {
      // Flags are stored as they are set; closing adds nothing we need.
    }
  }

  private static void deleteTree(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new MailboxException("cannot delete the temporary files in " + dir + ": " + e.getMessage(), e);
    }
  }
}
