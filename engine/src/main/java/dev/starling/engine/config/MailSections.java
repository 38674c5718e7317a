package dev.starling.engine.config;

import dev.starling.engine.config.ConfigFile.Value;
import dev.starling.engine.digest.DigestSettings;
import dev.starling.engine.digest.Language;
import dev.starling.engine.digest.Routing;
import dev.starling.engine.digest.Salesperson;
import dev.starling.engine.digest.SmtpSettings;
import dev.starling.engine.digest.Territory;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code digest:}, {@code smtp:} and {@code serve:} sections of starling.yaml: checked here so that every
 * mistake names its line and key, including one inside the list of salespeople
 * ({@code digest.salespeople[2].language}).
 */
final class MailSections {
  private MailSections() {}

  static DigestSettings digest(Map<String, Value> values, Map<String, Node.Seq> lists, String source) {
    Node.Seq people = lists.get("digest.salespeople");
    boolean any = people != null || values.keySet().stream().anyMatch(k -> k.startsWith("digest."));
    if (!any) {
      return null;
    }
    if (people == null || people.items().isEmpty()) {
      int line = people != null ? people.line() : values.entrySet().stream().filter(e -> e.getKey().startsWith("digest."))
          .mapToInt(e -> e.getValue().line()).min().orElse(0);
      throw new ConfigException(source + ":" + line + ": key 'digest.salespeople' must list at least one salesperson:"
          + " the digest routes nothing to anyone");
    }
    List<Routing.Seat> seats = new ArrayList<>();
    for (int i = 0; i < people.items().size(); i++) {
      seats.add(seat(people.items().get(i), "digest.salespeople[" + (i + 1) + "]", source));
    }
    Value def = values.get("digest.default-recipient");
    Routing routing;
    try {
      routing = Routing.of(seats, def == null ? null : def.text());
    } catch (IllegalArgumentException e) {
      String key = def != null && e.getMessage().startsWith("the default") ? "digest.default-recipient" : "digest.salespeople";
      int line = def != null && key.equals("digest.default-recipient") ? def.line() : people.line();
      if (seats.stream().allMatch(s -> s.territory().isEmpty()) && def == null) {
        throw new ConfigException(source + ":" + people.line() + ": key 'digest.default-recipient' is needed: no salesperson"
            + " has accounts, companies, domains or countries, so the digest routes nothing to anyone", e);
      }
      throw new ConfigException(source + ":" + line + ": key '" + key + "': " + e.getMessage(), e);
    }
    int cap = intValue(values, "digest.cap", DigestSettings.DEFAULT_CAP, source);
    if (cap < 1) {
      throw bad(source, values.get("digest.cap"), "digest.cap");
    }
    Value from = values.get("digest.from");
    Value replyTo = values.get("digest.reply-to");
    if (from == null) {
      throw new ConfigException(source + ":" + people.line() + ": key 'digest.from' is missing: it must be "
          + ConfigFile.expectation("digest.from"));
    }
    return new DigestSettings(routing, cap, from.text(), replyTo == null ? null : replyTo.text());
  }

  private static Routing.Seat seat(Node node, String key, String source) {
    if (!(node instanceof Node.Obj obj)) {
      throw new ConfigException(source + ":" + node.line() + ": key '" + key + "' must be a salesperson with name, email,"
          + " language and time-zone");
    }
    for (Map.Entry<String, Node> f : obj.fields().entrySet()) {
      if (!ConfigFile.personKeys().contains(f.getKey())) {
        throw new ConfigException(source + ":" + f.getValue().line() + ": unknown key '" + key + "." + f.getKey()
            + "'; " + dev.starling.rules.Spelling.closest(f.getKey(), ConfigFile.personKeys())
                .map(k -> "did you mean '" + k + "'?")
                .orElse("expected one of " + String.join(", ", ConfigFile.personKeys())));
      }
    }
    String name = scalar(obj, "name", key, source, true);
    String email = scalar(obj, "email", key, source, true);
    String lang = scalar(obj, "language", key, source, false);
    String zone = scalar(obj, "time-zone", key, source, false);
    Language language = lang == null ? Language.EN : Language.fromKey(lang).orElseThrow(() -> new ConfigException(source + ":"
        + obj.fields().get("language").line() + ": key '" + key + ".language' must be es or en but was '" + lang + "'"));
    ZoneId zoneId;
    try {
      zoneId = zone == null ? ZoneId.of("UTC") : ZoneId.of(zone.strip());
    } catch (DateTimeException e) {
      throw new ConfigException(source + ":" + obj.fields().get("time-zone").line() + ": key '" + key + ".time-zone' must be "
          + PERSON_ZONE + " but was '" + zone + "'", e);
    }
    Salesperson person;
    try {
      person = new Salesperson(name, email, language, zoneId);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(source + ":" + obj.fields().get("email").line() + ": key '" + key + ".email' must be"
          + " an email address but was '" + email + "'", e);
    }
    Territory t = new Territory(set(obj, "accounts", key, source), set(obj, "companies", key, source),
        set(obj, "domains", key, source), set(obj, "countries", key, source));
    return new Routing.Seat(person, t);
  }

  private static final String PERSON_ZONE = "a time zone, e.g. Europe/Madrid";

  private static String scalar(Node.Obj obj, String field, String key, String source, boolean required) {
    Node n = obj.fields().get(field);
    if (n == null) {
      if (required) {
        throw new ConfigException(source + ":" + obj.line() + ": key '" + key + "." + field + "' is missing: it must be "
            + ConfigFile.personExpectation(field));
      }
      return null;
    }
    if (!(n instanceof Node.Scalar s)) {
      throw new ConfigException(source + ":" + n.line() + ": key '" + key + "." + field + "' must be "
          + ConfigFile.personExpectation(field));
    }
    return s.text();
  }

  /** A list ({@code [ES, MX]} or one per line) or a comma-separated string. */
  private static Set<String> set(Node.Obj obj, String field, String key, String source) {
    Node n = obj.fields().get(field);
    Set<String> out = new LinkedHashSet<>();
    if (n == null) {
      return out;
    }
    switch (n) {
      case Node.Scalar s -> Arrays.stream(s.text().split(",")).map(String::strip).filter(v -> !v.isEmpty()).forEach(out::add);
      case Node.Seq q -> {
        for (Node item : q.items()) {
          if (!(item instanceof Node.Scalar s)) {
            throw new ConfigException(source + ":" + item.line() + ": key '" + key + "." + field + "' must be "
                + ConfigFile.personExpectation(field));
          }
          out.add(s.text().strip());
        }
      }
      case Node.Obj o -> throw new ConfigException(source + ":" + o.line() + ": key '" + key + "." + field + "' must be "
          + ConfigFile.personExpectation(field));
    }
    return out;
  }

  static SmtpSettings smtp(Map<String, Value> values, String source) {
    Value host = values.get("smtp.host");
    if (host == null) {
      values.entrySet().stream().filter(e -> e.getKey().startsWith("smtp.")).findFirst().ifPresent(e -> {
        throw new ConfigException(source + ":" + e.getValue().line() + ": key 'smtp.host' is missing: it must be "
            + ConfigFile.expectation("smtp.host"));
      });
      return null;
    }
    Value sec = values.get("smtp.security");
    SmtpSettings.Security security = sec == null ? SmtpSettings.Security.STARTTLS
        : SmtpSettings.Security.fromKey(sec.text()).orElseThrow(() -> bad(source, sec, "smtp.security"));
    int port = intValue(values, "smtp.port", security.defaultPort(), source);
    if (port < 1 || port > 65_535) {
      throw bad(source, values.get("smtp.port"), "smtp.port");
    }
    Value user = values.get("smtp.user");
    Value env = values.get("smtp.password-env");
    if (env != null && !env.text().strip().matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw bad(source, env, "smtp.password-env");
    }
    return new SmtpSettings(host.text().strip(), port, security, user == null ? null : user.text().strip(),
        env == null ? SmtpSettings.DEFAULT_PASSWORD_ENV : env.text().strip());
  }

  static Schedule schedule(Map<String, Value> values, Map<String, Node.Seq> lists, String source) {
    Schedule d = Schedule.DEFAULTS;
    Value day = values.get("serve.day");
    Value time = values.get("serve.time");
    Value zone = values.get("serve.time-zone");
    DayOfWeek dow = d.day();
    if (day != null) {
      try {
        dow = DayOfWeek.valueOf(day.text().strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw bad(source, day, "serve.day");
      }
    }
    LocalTime at = d.time();
    if (time != null) {
      try {
        at = LocalTime.parse(time.text().strip().length() == 4 ? "0" + time.text().strip() : time.text().strip());
      } catch (DateTimeParseException e) {
        throw bad(source, time, "serve.time");
      }
    }
    ZoneId z = d.zone();
    if (zone != null) {
      try {
        z = ZoneId.of(zone.text().strip());
      } catch (DateTimeException e) {
        throw bad(source, zone, "serve.time-zone");
      }
    }
    List<String> boxes = new ArrayList<>();
    Node.Seq seq = lists.get("serve.mailboxes");
    if (seq != null) {
      for (Node n : seq.items()) {
        if (!(n instanceof Node.Scalar s)) {
          throw new ConfigException(source + ":" + n.line() + ": key 'serve.mailboxes' must be "
              + ConfigFile.expectation("serve.mailboxes"));
        }
        boxes.add(s.text().strip());
      }
    }
    return new Schedule(dow, at, z, boxes);
  }

  private static int intValue(Map<String, Value> values, String key, int fallback, String source) {
    Value v = values.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.text().strip());
    } catch (NumberFormatException e) {
      throw bad(source, v, key);
    }
  }

  private static ConfigException bad(String source, Value v, String key) {
    return new ConfigException(source + ":" + v.line() + ": key '" + key + "' must be " + ConfigFile.expectation(key)
        + " but was '" + v.text() + "'");
  }
}
