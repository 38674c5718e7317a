package dev.starling.engine.digest;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * Sends digests over SMTP. A transient failure (the server says 4xx, or the connection drops or times out) is
 * retried after {@link #BACKOFF} (5 s, then 20 s, then 80 s); a permanent one (5xx: no such mailbox, relaying
 * denied) is not. The password is handed in by the caller, kept only for the login, and never appears in a
 * message or a log.
 */
public final class DigestMailer {
  /** The waits before each retry of a transient failure. */
  static final List<Duration> BACKOFF = List.of(Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(80));
  private static final String TIMEOUT_MS = "30000";

  /** Waits between retries; tests pass one that records the waits and returns at once. */
  @FunctionalInterface
  public interface Sleeper {
    Sleeper REAL = d -> Thread.sleep(d.toMillis());

    void sleep(Duration d) throws InterruptedException;
  }

  /** A digest could not be delivered; the message says why, in the server's words. */
  public static final class DeliveryException extends Exception {
    private final boolean transientFailure;

    DeliveryException(String message, boolean transientFailure, Throwable cause) {
      super(message, cause);
      this.transientFailure = transientFailure;
    }

    public boolean isTransient() {
      return transientFailure;
    }
  }

  private final SmtpSettings settings;
  private final char[] password;
  private final Sleeper sleeper;
  private final Session session;

  private DigestMailer(SmtpSettings settings, char[] password, Sleeper sleeper) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.password = password == null ? null : password.clone();
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.session = Session.getInstance(properties(settings));
  }

  /**
   * @param password the SMTP password, or {@code null} when {@link SmtpSettings#user()} is null (an open relay)
   */
  public static DigestMailer smtp(SmtpSettings settings, char[] password, Sleeper sleeper) {
    if (settings.user() != null && (password == null || password.length == 0)) {
      throw new DigestException("no SMTP password for " + settings.user() + ": set the environment variable "
          + settings.passwordEnv() + " (it is never read from starling.yaml)");
    }
    return new DigestMailer(settings, password, sleeper);
  }

  Session session() {
    return session;
  }

  /** A session for writing .eml files only (dry runs): no server is ever contacted through it. */
  static Session offline() {
    return Session.getInstance(new Properties());
  }

  /**
   * Sends {@code m}, retrying transient failures.
   *
   * @return how many attempts it took
   * @throws DeliveryException when the server refused it for good, or still failed after the last retry
   */
  int send(MimeMessage m) throws DeliveryException, InterruptedException {
    List<String> failures = new ArrayList<>();
    for (int attempt = 0; ; attempt++) {
      try {
        if (settings.user() == null) {
          Transport.send(m);
        } else {
          Transport.send(m, settings.user(), new String(password));
        }
        return attempt + 1;
      } catch (MessagingException e) {
        boolean transientFailure = isTransient(e);
        failures.add(describe(e));
        if (!transientFailure || attempt >= BACKOFF.size()) {
          String last = failures.get(failures.size() - 1);
          String tries = attempt == 0 ? "" : failures.stream().distinct().count() == 1 ? " (" + (attempt + 1) + " attempts)"
              : " (" + (attempt + 1) + " attempts; before: " + String.join("; ", failures.subList(0, attempt)) + ")";
          throw new DeliveryException(last + tries, transientFailure, e);
        }
        sleeper.sleep(BACKOFF.get(attempt));
      }
    }
  }

  /** The server's reply (code and text) or the connection problem, on one line, without credentials. */
  static String describe(MessagingException e) {
    for (Exception x = e; x != null; x = x instanceof MessagingException me ? me.getNextException() : null) {
      if (x instanceof SMTPAddressFailedException a) {
        return "the server refused " + bare(a.getAddress()) + ": " + a.getMessage().strip();
      }
      if (x instanceof SMTPSenderFailedException s) {
        return "the server refused the sender " + bare(s.getAddress()) + ": " + s.getMessage().strip();
      }
      if (x instanceof SMTPSendFailedException s) {
        return "the server refused the message: " + s.getMessage().strip();
      }
      if (x instanceof MailConnectException c) {
        return "cannot connect to " + c.getHost() + ":" + c.getPort() + ": " + (c.getCause() == null ? c.getMessage() : c.getCause().getMessage());
      }
    }
    return MailText.singleLine(String.valueOf(e.getMessage()));
  }

  private static String bare(jakarta.mail.Address a) {
    return a instanceof jakarta.mail.internet.InternetAddress ia ? ia.getAddress() : String.valueOf(a);
  }

  /** 4xx replies and connection trouble may pass; anything else will fail the same way again. */
  static boolean isTransient(MessagingException e) {
    for (Exception x = e; x != null; x = x instanceof MessagingException me ? me.getNextException() : null) {
      if (x instanceof SMTPAddressFailedException a) {
        return a.getReturnCode() / 100 == 4;
      }
      if (x instanceof SMTPSenderFailedException s) {
        return s.getReturnCode() / 100 == 4;
      }
      if (x instanceof SMTPSendFailedException s) {
        return s.getReturnCode() / 100 == 4;
      }
      if (x instanceof MailConnectException || x instanceof IOException) {
        return true;
      }
    }
    if (e instanceof SendFailedException) {
      return false;
    }
    return e.getCause() instanceof IOException;
  }

  private static Properties properties(SmtpSettings s) {
    Properties p = new Properties();
    p.put("mail.transport.protocol", "smtp");
    p.put("mail.smtp.host", s.host());
    p.put("mail.smtp.port", Integer.toString(s.port()));
    p.put("mail.smtp.auth", Boolean.toString(s.user() != null));
    p.put("mail.smtp.connectiontimeout", TIMEOUT_MS);
    p.put("mail.smtp.timeout", TIMEOUT_MS);
    p.put("mail.smtp.writetimeout", TIMEOUT_MS);
    switch (s.security()) {
      case STARTTLS -> {
        p.put("mail.smtp.starttls.enable", "true");
        p.put("mail.smtp.starttls.required", "true");
        p.put("mail.smtp.ssl.checkserveridentity", "true");
      }
      case TLS -> {
        p.put("mail.smtp.ssl.enable", "true");
        p.put("mail.smtp.ssl.checkserveridentity", "true");
      }
      case PLAIN -> { }
    }
    return p;
  }
}
