package dev.starling.engine.digest;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.loader.DelegatingLoader;
import io.pebbletemplates.pebble.loader.FileLoader;
import io.pebbletemplates.pebble.loader.Loader;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The digest's templates (Pebble): {@code digest_LANG.subject}, {@code digest_LANG.txt} and
 * {@code digest_LANG.html} for each {@link Language}. A team overrides any of them by putting a file of the same
 * name in the data directory's {@code templates/} folder; the rest come from the shipped set.
 *
 * <p>Whitespace is kept as written (no newline trimming): in the text templates a tag alone on its line ends
 * with a dash before its closing %} so that the line disappears.
 *
 * <p>Two engines, because escaping belongs to the output: the HTML one autoescapes every value (a name like
 * {@code <script>} arrives as text), the subject and text ones must not (they would show {@code &lt;}).
 */
final class DigestTemplates {
  static final String OVERRIDE_DIR = "templates";
  private static final String SHIPPED = "dev/starling/engine/digest/";

  private final PebbleEngine html;
  private final PebbleEngine text;

  /** The rendered parts of one message. */
  record Rendered(String subject, String text, String html) {}

  /** @param dataDir where a {@value #OVERRIDE_DIR}/ folder may override the shipped templates, or {@code null} */
  DigestTemplates(Path dataDir) {
    this.html = engine(dataDir, true);
    this.text = engine(dataDir, false);
  }

  private static PebbleEngine engine(Path dataDir, boolean escape) {
    List<Loader<?>> loaders = new ArrayList<>();
    if (dataDir != null && Files.isDirectory(dataDir.resolve(OVERRIDE_DIR))) {
      loaders.add(new FileLoader(dataDir.resolve(OVERRIDE_DIR).toAbsolutePath().toString()));
    }
    ClasspathLoader shipped = new ClasspathLoader(DigestTemplates.class.getClassLoader());
    shipped.setPrefix(SHIPPED);
    loaders.add(shipped);
    return new PebbleEngine.Builder()
        .loader(new DelegatingLoader(loaders))
        .autoEscaping(escape)
        // Whitespace is content in the text part: a newline stays unless the tag says otherwise ({% if x -%}).
        .newLineTrimming(false)
        .strictVariables(true) // a misspelt variable in a team's template fails loudly instead of printing nothing
        .build();
  }

  Rendered render(Digest d, String replyTo, String attachmentName) {
    return render(d, replyTo, attachmentName, null);
  }

  /** As above, with the SLA section ({@code null}: none). */
  Rendered render(Digest d, String replyTo, String attachmentName, DigestSla sla) {
    Map<String, Object> view = DigestView.of(d, replyTo, attachmentName);
    view.put("sla", sla == null ? null : DigestView.sla(sla, new MailFormat(d.recipient().language().locale(), d.recipient().zone())));
    String lang = d.recipient().language().key();
    String subject = MailText.singleLine(evaluate(text, "digest_" + lang + ".subject", view));
    return new Rendered(subject, evaluate(text, "digest_" + lang + ".txt", view), evaluate(html, "digest_" + lang + ".html", view));
  }

  private static String evaluate(PebbleEngine engine, String name, Map<String, Object> view) {
    StringWriter out = new StringWriter();
    try {
      engine.getTemplate(name).evaluate(out, view);
    } catch (PebbleException e) {
      throw new DigestException("template " + name + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
