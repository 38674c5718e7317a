package dev.starling.engine.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real GreenMail SMTP+IMAP server on free ports (the fixed 3025/3143 of {@code ServerSetupTest}
 * would clash between parallel builds), started empty before each test with the user {@link #USER}
 * and stopped after it. Register it as a static field so helper methods reach the server:
 *
 * <pre>{@code
 * @RegisterExtension static final MailServerExtension mail = new MailServerExtension();
 * ... mail.server().getImap().getPort(), mail.user().login() ...
 * }</pre>
 *
 * Test methods may also take the {@link GreenMail} server or the {@link MailUser} as parameters.
 */
public final class MailServerExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

  /** The account every test's server has; a test may add others with {@code server().setUser}. */
  public static final MailUser USER = new MailUser("reports@starling.test", "reports", "pw-123");

  private GreenMail server;

  @Override
  public void beforeEach(ExtensionContext ctx) {
    server = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
    server.start();
    server.setUser(USER.email(), USER.login(), USER.password());
  }

  @Override
  public void afterEach(ExtensionContext ctx) {
    if (server != null) {
      server.stop();
      server = null;
    }
  }

  /** The running server of the current test. */
  public GreenMail server() {
    if (server == null) {
      throw new IllegalStateException("the mail server runs only during a test (register the extension)");
    }
    return server;
  }

  /** The account the server was started with. */
  public MailUser user() {
    return USER;
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext ctx) {
    Class<?> t = p.getParameter().getType();
    return t == GreenMail.class || t == MailUser.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext ctx) {
    return p.getParameter().getType() == GreenMail.class ? server() : USER;
  }

  /** A mailbox account: its address, IMAP/SMTP login and password. */
  public record MailUser(String email, String login, String password) {}
}
