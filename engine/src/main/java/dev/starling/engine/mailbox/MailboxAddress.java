package dev.starling.engine.mailbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An IMAP folder: who logs in where, and which folder to read. Written {@code imap://user@host[:port]/FOLDER}
 * ({@code imaps://} is the same); the port defaults to {@value #DEFAULT_PORT} (IMAP over TLS) and the folder to
 * {@value #DEFAULT_FOLDER}. A user that is itself an email address may keep its {@code @} (the host follows the
 * last one) or write it {@code %40}; folder names are %-decoded ({@code Reports%20ESP}). The password is never
 * part of an address: the caller passes it separately, and {@link #toString()} is what errors show.
 */
public record MailboxAddress(String user, String host, int port, String folder) {
  public static final int DEFAULT_PORT = 993;
  public static final String DEFAULT_FOLDER = "INBOX";
  private static final String SHAPE = "imap://user@host[:port]/FOLDER";

  public MailboxAddress {
    if (user == null || user.isBlank()) {
      throw new MailboxException("mailbox user must not be blank");
    }
    if (host == null || host.isBlank()) {
      throw new MailboxException("mailbox host must not be blank");
    }
    if (port < 1 || port > 65535) {
      throw new MailboxException("mailbox port must be a number from 1 to 65535 but was " + port);
    }
    if (folder == null || folder.isBlank()) {
      throw new MailboxException("mailbox folder must not be blank");
    }
  }

  /**
   * Parses {@code imap://user@host[:port]/FOLDER}.
   *
   * @throws MailboxException saying what is wrong and showing the text (with any password masked)
   */
  public static MailboxAddress parse(String text) {
    if (text == null) {
      throw new MailboxException("mailbox must look like " + SHAPE + " but was null");
    }
    String shown = masked(text.strip());
    String s = text.strip();
    String lower = s.toLowerCase(Locale.ROOT);
    String rest;
    if (lower.startsWith("imaps://")) {
      rest = s.substring("imaps://".length());
    } else if (lower.startsWith("imap://")) {
      rest = s.substring("imap://".length());
    } else {
      throw shapeError(shown);
    }
    if (rest.indexOf('?') >= 0 || rest.indexOf('#') >= 0 || rest.chars().anyMatch(Character::isWhitespace)) {
      throw shapeError(shown);
    }
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    String path = slash < 0 ? "" : rest.substring(slash + 1);
    int at = authority.lastIndexOf('@');
    if (at <= 0) {
      throw new MailboxException("mailbox must name a user, as in " + SHAPE + ", but was '" + shown + "'");
    }
    String rawUser = authority.substring(0, at);
    if (rawUser.indexOf(':') >= 0) {
      throw new MailboxException("mailbox must not contain a password (pass it separately) but was '" + shown + "'");
    }
    String hostPort = authority.substring(at + 1);
    String host;
    String portText = null;
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0) {
        throw shapeError(shown);
      }
      host = hostPort.substring(1, close);
      String after = hostPort.substring(close + 1);
      if (!after.isEmpty()) {
        if (!after.startsWith(":")) {
          throw shapeError(shown);
        }
        portText = after.substring(1);
      }
    } else {
      int colon = hostPort.indexOf(':');
      host = colon < 0 ? hostPort : hostPort.substring(0, colon);
      portText = colon < 0 ? null : hostPort.substring(colon + 1);
    }
    if (host.isEmpty()) {
      throw new MailboxException("mailbox must name a host, as in " + SHAPE + ", but was '" + shown + "'");
    }
    int port = DEFAULT_PORT;
    if (portText != null) {
      port = portText.matches("[0-9]{1,5}") ? Integer.parseInt(portText) : -1;
      if (port < 1 || port > 65535) {
        throw new MailboxException(
            "mailbox port must be a number from 1 to 65535 but was '" + portText + "' in '" + shown + "'");
      }
    }
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    String folder = path.isEmpty() ? DEFAULT_FOLDER : decode(path, shown);
    return new MailboxAddress(decode(rawUser, shown), host, port, folder);
  }

  /** {@code user@host:port/folder}, as messages show it. */
  @Override
  public String toString() {
    return user + "@" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port + "/" + folder;
  }

  private static MailboxException shapeError(String shown) {
    return new MailboxException("mailbox must look like " + SHAPE + " but was '" + shown + "'");
  }

  private static String decode(String part, String shown) {
    try {
      // URLDecoder would turn '+' into a space; in a user or folder name it is a plus.
      return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new MailboxException("mailbox has a malformed %-escape in '" + part + "' in '" + shown + "'", e);
    }
  }

  /** The text with whatever sits between {@code user:} and the host's {@code @} replaced by {@code ***}. */
  private static String masked(String text) {
    int scheme = text.indexOf("://");
    int start = scheme < 0 ? 0 : scheme + 3;
    int slash = text.indexOf('/', start);
    int end = slash < 0 ? text.length() : slash;
    int at = text.lastIndexOf('@', end - 1);
    if (at < start) {
      return text;
    }
    int colon = text.indexOf(':', start);
    if (colon < 0 || colon > at) {
      return text;
    }
    return text.substring(0, colon + 1) + "***" + text.substring(at);
  }
}
