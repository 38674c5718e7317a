package dev.starling.engine.digest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Just enough SMTP to refuse a recipient, which GreenMail cannot be told to do: RCPT TO for an address in
 * {@code rejected} gets 550; for one in {@code busy} it gets 451 as many times as its count, then 250. Everything
 * else is accepted and counted per recipient.
 */
final class TinySmtpServer implements AutoCloseable {
  private final ServerSocket socket;
  private final Set<String> rejected;
  private final Map<String, AtomicInteger> busy = new ConcurrentHashMap<>();
  final List<String> delivered = Collections.synchronizedList(new ArrayList<>());
  private final Thread thread;

  TinySmtpServer(Set<String> rejected, Map<String, Integer> busy) throws IOException {
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.rejected = Set.copyOf(rejected);
    busy.forEach((k, v) -> this.busy.put(k, new AtomicInteger(v)));
    this.thread = new Thread(this::serve, "tiny-smtp");
    thread.setDaemon(true);
    thread.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  private void serve() {
    while (!socket.isClosed()) {
      try (Socket s = socket.accept()) {
        session(s);
      } catch (IOException e) {
        // closed, or a client hung up: next connection
      }
    }
  }

  private void session(Socket s) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
    Writer out = new OutputStreamWriter(s.getOutputStream(), StandardCharsets.ISO_8859_1);
    reply(out, "220 tiny ESMTP");
    List<String> rcpt = new ArrayList<>();
    String line;
    while ((line = in.readLine()) != null) {
      String cmd = line.toUpperCase(java.util.Locale.ROOT);
      if (cmd.startsWith("EHLO") || cmd.startsWith("HELO")) {
        reply(out, "250 tiny");
      } else if (cmd.startsWith("MAIL FROM")) {
        rcpt.clear();
        reply(out, "250 ok");
      } else if (cmd.startsWith("RCPT TO")) {
        String addr = line.substring(line.indexOf('<') + 1, line.indexOf('>'));
        AtomicInteger b = busy.get(addr);
        if (rejected.contains(addr)) {
          reply(out, "550 5.1.1 <" + addr + ">: Recipient address rejected: User unknown");
        } else if (b != null && b.getAndDecrement() > 0) {
          reply(out, "451 4.3.0 <" + addr + ">: try again later");
        } else {
          rcpt.add(addr);
          reply(out, "250 ok");
        }
      } else if (cmd.startsWith("DATA")) {
        reply(out, "354 go ahead");
        while ((line = in.readLine()) != null && !line.equals(".")) {
          // the message itself is not needed here
        }
        delivered.addAll(rcpt);
        reply(out, "250 queued");
      } else if (cmd.startsWith("RSET") || cmd.startsWith("NOOP")) {
        reply(out, "250 ok");
      } else if (cmd.startsWith("QUIT")) {
        reply(out, "221 bye");
        return;
      } else {
        reply(out, "502 not implemented");
      }
    }
  }

  private static void reply(Writer out, String line) throws IOException {
    out.write(line + "\r\n");
    out.flush();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
