package dev.starling.engine.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.starling.connectors.ReadLimits;
import dev.starling.engine.digest.SmtpSettings;
import dev.starling.engine.features.EngagementSettings;
import dev.starling.engine.features.StarCriteria;
import dev.starling.engine.leads.LeadSettings;
import dev.starling.engine.store.SoftBounceLimit;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes {@code starling.yaml}. The file is read token by token (Jackson's YAML parser) so
 * that each key keeps its line: an error says {@code starling.yaml:7: key 'stars.min-ratio' must be ...}.
 */
public final class ConfigFile {
  public static final String NAME = "starling.yaml";

  /** Every key the file may hold, with what it must be, in the order they are written. */
  private static final Map<String, String> KEYS = new LinkedHashMap<>();

  static {
    KEYS.put("stars.min-campaigns", "a whole number >= 1");
    KEYS.put("stars.min-ratio", "a number in (0, 1]");
    KEYS.put("machine-opens.prefetch-seconds", "a whole number of seconds >= 0");
    KEYS.put("machine-opens.proxy-window-seconds", "a whole number of seconds >= 0");
    KEYS.put("machine-clicks.scanner-click-seconds", "a whole number of seconds >= 0");
    KEYS.put("machine-clicks.burst-clicks", "a whole number >= 2");
    KEYS.put("machine-clicks.burst-seconds", "a whole number of seconds >= 0");
    KEYS.put("engagement.half-life-days", "a number of days > 0");
    KEYS.put("engagement.open-weight", "a number >= 0");
    KEYS.put("engagement.click-weight", "a number >= 0");
    KEYS.put("engagement.dormancy-campaigns", "a whole number >= 1");
    KEYS.put("engagement.high-intent-urls", "comma-separated URL fragments, e.g. pricing, demo");
    KEYS.put("rules.file", "a path to the rules file (relative to the data directory)");
    KEYS.put("output.language", "en or es");
    KEYS.put("output.time-zone", "a time zone such as UTC or Europe/Madrid");
    KEYS.put("output.csv-excel", "true or false");
    KEYS.put("bounces.soft-limit", "a whole number >= 1");
    KEYS.put("bounces.soft-span-days", "a whole number of days >= 1");
    KEYS.put("leads.rejection-reasons", "comma-separated reasons, e.g. not a fit, already a customer, other");
    KEYS.put("leads.response-business-days", "a whole number of business days >= 0");
    KEYS.put("leads.cooldown.REASON", "a number of days such as 90d, or forever, per rejection reason (REASON with dashes:"
        + " not-a-fit)");
    KEYS.put("leads.replies-mailbox", "the mailbox where replies to the digest arrive, e.g. imaps://sales@example.com/INBOX");
    KEYS.put("digest.from", "the From: address, e.g. Starling <starling@example.com>");
    KEYS.put("digest.reply-to", "an email address");
    KEYS.put("digest.cap", "a whole number >= 1");
    KEYS.put("digest.default-recipient", "the email of one of digest.salespeople");
    KEYS.put("digest.salespeople", "a list of salespeople (name, email, language, time-zone; accounts, companies,"
        + " domains, countries)");
    KEYS.put("smtp.host", "a host name");
    KEYS.put("smtp.port", "a port number 1..65535");
    KEYS.put("smtp.security", "starttls, tls or plain");
    KEYS.put("smtp.user", "the login name");
    KEYS.put("smtp.password-env", "the name of the environment variable holding the password");
    KEYS.put("serve.day", "a day of the week, e.g. monday");
    KEYS.put("serve.time", "a time of day HH:MM, e.g. \"07:30\"");
    KEYS.put("serve.time-zone", "a time zone, e.g. Europe/Madrid");
    KEYS.put("serve.mailboxes", "a list of mailbox addresses, e.g. imaps://reports@example.com/INBOX");
    KEYS.put("import.max-message-size", "a size such as 50 MB (a bounce mail message over it is rejected unread)");
    KEYS.put("import.max-expansion-ratio", "a number >= 1 (how many times a .gz or .zip may grow when decompressed)");
    KEYS.put("import.max-expanded-size", "a size such as 50 GB (how large a .gz or .zip may decompress to)");
  }

  /** Keys whose value is a list. */
  private static final java.util.Set<String> LIST_KEYS = java.util.Set.of("digest.salespeople", "serve.mailboxes");

  /** The last part of every key that takes a list, top level or in a salesperson: an unclosed '[' there is a list. */
  private static final java.util.Set<String> LIST_LEAVES =
      java.util.Set.of("salespeople", "mailboxes", "accounts", "companies", "domains", "countries");

  /** What each entry of digest.salespeople may hold. */
  private static final Map<String, String> PERSON_KEYS = new LinkedHashMap<>();

  static {
    PERSON_KEYS.put("name", "the salesperson's name");
    PERSON_KEYS.put("email", "an email address");
    PERSON_KEYS.put("language", "es or en");
    PERSON_KEYS.put("time-zone", "a time zone, e.g. Europe/Madrid");
    PERSON_KEYS.put("accounts", "a list of account names");
    PERSON_KEYS.put("companies", "a list of company names");
    PERSON_KEYS.put("domains", "a list of email domains");
    PERSON_KEYS.put("countries", "a list of country codes");
  }

  private ConfigFile() {}

  /** The configuration of {@code dataDir}: its file's values over the defaults, or the defaults if it has none. */
  public static Config load(Path dataDir) {
    Path file = dataDir.resolve(NAME);
    if (!Files.exists(file)) {
      return Config.DEFAULTS;
    }
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(r, file.toString());
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** Parses configuration text; {@code source} names it in errors. */
  static Config parse(Reader reader, String source) throws IOException {
    // Read whole (a configuration file is small): a syntax error quotes the line it is about.
    String text = new java.io.BufferedReader(reader).lines().collect(java.util.stream.Collectors.joining("\n"));
    Map<String, Value> values = new LinkedHashMap<>();
    Map<String, Node.Seq> lists = new LinkedHashMap<>();
    // Every key path seen, with its line: YAML lets the last of two equal keys win silently.
    Map<String, Integer> seen = new java.util.HashMap<>();
    try (JsonParser p = new YAMLFactory().createParser(text)) {
      Deque<String> path = new ArrayDeque<>();
      int fieldLine = 0;
      JsonToken t = p.nextToken();
      if (t == null) {
        return Config.DEFAULTS; // an empty file: all defaults
      }
      if (t != JsonToken.START_OBJECT) {
        throw new ConfigException(source + ":" + line(p.currentLocation()) + ": the file must be a map of sections"
            + " (stars:, machine-opens:) but starts with " + p.getText());
      }
      // The first mistake in meaning is kept while the rest is read: a YAML syntax error further down
      // (an unclosed '[', a tab) is the real cause of many of them, so it is reported instead.
      ConfigException first = null;
      while ((t = p.nextToken()) != null) {
        ConfigException wrong = null;
        switch (t) {
          case FIELD_NAME -> {
            path.addLast(p.currentName());
            fieldLine = line(p.currentLocation());
            Integer previous = seen.putIfAbsent(String.join(".", path), fieldLine);
            if (previous != null) {
              wrong = new ConfigException(source + ":" + fieldLine + ": key '" + String.join(".", path)
                  + "' appears twice (first on line " + previous + "); keep one");
            }
          }
          case START_OBJECT -> { }
          case END_OBJECT -> path.pollLast();
          case START_ARRAY -> {
            String key = String.join(".", path);
            int line = line(p.currentLocation());
            if (!LIST_KEYS.contains(key)) {
              p.skipChildren();
              wrong = new ConfigException(source + ":" + line + ": key '" + key + "' must not be a list");
            } else {
              try {
                // Errors about the list as a whole name the line of its key, not of its first item.
                lists.put(key, new Node.Seq(((Node.Seq) Node.read(p, t, source, key)).items(), fieldLine));
              } catch (ConfigException e) {
                wrong = e;
                p.skipChildren();
              }
            }
            path.pollLast();
          }
          default -> {
            String key = String.join(".", path);
            int line = line(p.currentLocation());
            if (key.equals("smtp.password")) {
              wrong = new ConfigException(source + ":" + line + ": key 'smtp.password' is not allowed: a password never goes"
                  + " in this file; put it in the environment variable named by smtp.password-env (default "
                  + SmtpSettings.DEFAULT_PASSWORD_ENV + ")");
            } else if (!KEYS.containsKey(key) && !key.startsWith(COOLDOWN)) {
              wrong = new ConfigException(source + ":" + line + ": unknown key '" + key + "'; " + expected(key));
            } else {
              values.put(key, new Value(p.getText(), line));
            }
            path.pollLast();
          }
        }
        if (first == null) {
          first = wrong;
        }
      }
      if (first != null) {
        throw first;
      }
    } catch (JsonProcessingException e) {
      dev.starling.rules.YamlSyntax y = dev.starling.rules.YamlSyntax.of(e, text, LIST_LEAVES::contains);
      throw new ConfigException(source + ":" + y.line() + ":" + y.column() + ": not valid YAML: " + y.message(), e);
    }
    EngagementSettings d = EngagementSettings.DEFAULTS;
    try {
      StarCriteria stars = new StarCriteria(
          intValue(values, "stars.min-campaigns", StarCriteria.DEFAULTS.minCampaigns(), source),
          doubleValue(values, "stars.min-ratio", StarCriteria.DEFAULTS.minRatio(), source));
      Value urls = values.get("engagement.high-intent-urls");
      EngagementSettings engagement = new EngagementSettings(
          intValue(values, "machine-opens.prefetch-seconds", d.prefetchSeconds(), source),
          intValue(values, "machine-opens.proxy-window-seconds", d.proxyWindowSeconds(), source),
          intValue(values, "machine-clicks.scanner-click-seconds", d.scannerClickSeconds(), source),
          intValue(values, "machine-clicks.burst-clicks", d.burstClicks(), source),
          intValue(values, "machine-clicks.burst-seconds", d.burstSeconds(), source),
          doubleValue(values, "engagement.half-life-days", d.halfLifeDays(), source),
          doubleValue(values, "engagement.open-weight", d.openWeight(), source),
          doubleValue(values, "engagement.click-weight", d.clickWeight(), source),
          intValue(values, "engagement.dormancy-campaigns", d.dormancyCampaigns(), source),
          urls == null ? d.highIntentPatterns() : java.util.Arrays.asList(urls.text.split(",")));
      Value rules = values.get("rules.file");
      OutputSettings o = OutputSettings.DEFAULTS;
      OutputSettings output = new OutputSettings(
          value(values, "output.language", o.language(), source, ConfigFile::language),
          value(values, "output.time-zone", o.timeZone(), source, ConfigFile::zone),
          value(values, "output.csv-excel", o.csvExcel(), source, ConfigFile::bool));
      SoftBounceLimit soft = new SoftBounceLimit(
          intValue(values, "bounces.soft-limit", SoftBounceLimit.DEFAULT.count(), source),
          intValue(values, "bounces.soft-span-days", SoftBounceLimit.DEFAULT.spanDays(), source));
      Value reasons = values.get("leads.rejection-reasons");
      LeadSettings listed = new LeadSettings(
          reasons == null ? LeadSettings.DEFAULTS.rejectionReasons() : java.util.Arrays.asList(reasons.text.split(",")),
          intValue(values, "leads.response-business-days", LeadSettings.DEFAULTS.responseBusinessDays(), source));
      Value replies = values.get("leads.replies-mailbox");
      LeadSettings leads = new LeadSettings(listed.rejectionReasons(), listed.responseBusinessDays(),
          cooldowns(values, listed.rejectionReasons(), source), replies == null ? null : replies.text);
      ReadLimits l = ReadLimits.DEFAULTS;
      ReadLimits limits = new ReadLimits(
          value(values, "import.max-message-size", l.maxMessageBytes(), source, ReadLimits::parseBytes),
          doubleValue(values, "import.max-expansion-ratio", l.maxExpansionRatio(), source),
          value(values, "import.max-expanded-size", l.maxExpandedBytes(), source, ReadLimits::parseBytes));
      return new Config(stars, engagement, rules == null ? null : rules.text.strip(), output, soft,
          MailSections.digest(values, lists, source), MailSections.smtp(values, source), MailSections.schedule(values, lists, source),
          leads, limits);
    } catch (IllegalArgumentException e) {
      // A range check in a record names the key's last part: find the key to give its line.
      for (Map.Entry<String, Value> v : values.entrySet()) {
        String leaf = v.getKey().substring(v.getKey().indexOf('.') + 1);
        if (e.getMessage().startsWith(leaf) || e.getMessage().contains(leaf + " ")) {
          throw new ConfigException(source + ":" + v.getValue().line + ": key '" + v.getKey() + "' must be "
              + KEYS.get(v.getKey()) + " but was '" + v.getValue().text + "'", e);
        }
      }
      throw new ConfigException(source + ": " + e.getMessage(), e);
    }
  }

  record Value(String text, int line) {}

  private static final String COOLDOWN = "leads.cooldown.";

  /**
   * The default cooldowns overridden by the {@code leads.cooldown.REASON} keys, each naming a configured
   * reason with dashes for spaces ({@code not-a-fit: 90d}, {@code already-a-customer: forever}).
   */
  private static Map<String, Integer> cooldowns(Map<String, Value> values, java.util.List<String> reasons, String source) {
    Map<String, String> byKey = new LinkedHashMap<>();
    reasons.forEach(r -> byKey.put(LeadSettings.keyOf(r), r));
    Map<String, Integer> days = new LinkedHashMap<>(LeadSettings.DEFAULT_COOLDOWNS);
    for (Map.Entry<String, Value> v : values.entrySet()) {
      if (!v.getKey().startsWith(COOLDOWN)) {
        continue;
      }
      String reason = byKey.get(v.getKey().substring(COOLDOWN.length()).toLowerCase(java.util.Locale.ROOT));
      if (reason == null) {
        throw new ConfigException(source + ":" + v.getValue().line + ": key '" + v.getKey() + "' names no reason of"
            + " leads.rejection-reasons; expected one of " + String.join(", ", byKey.keySet().stream().map(k -> COOLDOWN + k)
                .toList()));
      }
      String text = v.getValue().text.strip().toLowerCase(java.util.Locale.ROOT);
      if (text.equals("forever")) {
        days.put(reason, LeadSettings.FOREVER);
      } else if (text.matches("\\d{1,5}d?")) {
        days.put(reason, Integer.parseInt(text.replace("d", "")));
      } else {
        throw new ConfigException(source + ":" + v.getValue().line + ": key '" + v.getKey() + "' must be a number of days"
            + " such as 90d, or forever, but was '" + v.getValue().text + "'");
      }
    }
    return days;
  }

  /**
   * What an unknown key should have been: the closest known key when one is near (a typo), else the keys
   * of its section, or the sections.
   */
  private static String expected(String key) {
    java.util.Optional<String> closest = closest(key);
    if (closest.isPresent()) {
      return "did you mean '" + closest.get() + "'?";
    }
    String section = key.contains(".") ? key.substring(0, key.indexOf('.') + 1) : key + ".";
    java.util.List<String> same = KEYS.keySet().stream().filter(k -> k.startsWith(section)).toList();
    if (!same.isEmpty()) {
      return "expected one of " + String.join(", ", same);
    }
    return "the sections are " + String.join(", ", KEYS.keySet().stream().map(k -> k.substring(0, k.indexOf('.'))).distinct().toList());
  }

  /**
   * The known key a typo most likely meant, section and leaf matched separately: over the whole dotted
   * name a long key is "close" to any other key of the same leaf.
   */
  private static java.util.Optional<String> closest(String key) {
    int dot = key.indexOf('.');
    if (dot < 0) {
      return java.util.Optional.empty();
    }
    String leaf = key.substring(dot + 1);
    java.util.List<String> sections = KEYS.keySet().stream().map(k -> k.substring(0, k.indexOf('.'))).distinct().toList();
    return dev.starling.rules.Spelling.closest(key.substring(0, dot), sections).flatMap(section -> {
      java.util.List<String> leaves = KEYS.keySet().stream().filter(k -> k.startsWith(section + "."))
          .map(k -> k.substring(section.length() + 1)).toList();
      return dev.starling.rules.Spelling.closest(leaf, leaves).map(l -> section + "." + l);
    });
  }

  static String expectation(String key) {
    return KEYS.get(key);
  }

  static String personExpectation(String key) {
    return PERSON_KEYS.get(key);
  }

  static java.util.Set<String> personKeys() {
    return PERSON_KEYS.keySet();
  }

  private static int intValue(Map<String, Value> values, String key, int fallback, String source) {
    return value(values, key, fallback, source, Integer::parseInt);
  }

  private static double doubleValue(Map<String, Value> values, String key, double fallback, String source) {
    return value(values, key, fallback, source, Double::parseDouble);
  }

  /** The key's value parsed, the fallback when the file leaves it out, or an error naming file:line and key. */
  private static <T> T value(Map<String, Value> values, String key, T fallback, String source,
      java.util.function.Function<String, T> parse) {
    Value v = values.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      return parse.apply(v.text.strip());
    } catch (NumberFormatException e) {
      throw new ConfigException(source + ":" + v.line + ": key '" + key + "' must be " + KEYS.get(key) + " but was '" + v.text + "'");
    }
  }

  private static java.util.Locale language(String text) {
    if (!text.equals("en") && !text.equals("es")) {
      throw new NumberFormatException(text);
    }
    return java.util.Locale.forLanguageTag(text);
  }

  private static java.time.ZoneId zone(String text) {
    try {
      return java.time.ZoneId.of(text);
    } catch (java.time.DateTimeException e) {
      throw new NumberFormatException(text);
    }
  }

  private static boolean bool(String text) {
    return switch (text) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new NumberFormatException(text);
    };
  }

  private static int line(JsonLocation loc) {
    return loc == null ? 0 : loc.getLineNr();
  }

  /** The file {@code starling init} writes: every default, each with a comment on what it does. */
  public static String defaultText() {
    Config c = Config.DEFAULTS;
    EngagementSettings d = c.engagement();
    return """
        # Starling configuration. Command-line flags override these values.
        # Delete a line to go back to its default; unknown keys are an error.
        # What each setting does in detail: docs/engagement.md.

        stars:
          # A star subscriber has received at least this many campaigns ...
          min-campaigns: %d
          # ... and opened (human opens only) at least this share of them, 0 < ratio <= 1.
          min-ratio: %s

        machine-opens:
          # An open this many seconds or less after delivery is a machine pre-fetch
          # (privacy proxies, security scanners), whatever its user agent.
          prefetch-seconds: %d
          # An open with the bare "Mozilla/5.0" agent of Apple's privacy proxy counts as a machine
          # open when it comes from Apple's 17.0.0.0/8 network or within this many seconds of
          # delivery. Later ones are people: some Outlook versions send the same bare agent.
          proxy-window-seconds: %d

        machine-clicks:
          # A click this many seconds or less after delivery is a security scanner following links.
          scanner-click-seconds: %d
          # This many distinct links of one message clicked within burst-seconds is a scanner's burst.
          burst-clicks: %d
          burst-seconds: %d

        engagement:
          # The engagement score halves over this many days; clicks weigh more than opens.
          half-life-days: %s
          open-weight: %s
          click-weight: %s
          # This many received campaigns in a row without a human open is dormancy.
          dormancy-campaigns: %d
          # The one definition of buying intent: a clicked URL with a path part of one of these names
          # (/pricing, /es/precios?utm=x; not /blog/pricing-tips). The rules read it as
          # high_intent_clicks and high_intent_pages.
          high-intent-urls: %s

        rules:
          # The lead rules (the sales/marketing agreement). Without this key the built-in default
          # pack is used; 'starling init' writes a copy to edit as rules.yaml.
          file: rules.yaml

        output:
          # Table headers and number formats: en (1,234 and 91.7%%) or es (1.234 and 91,7 %%).
          language: %s
          # The zone times are shown in on the terminal; CSV and JSON always write UTC.
          time-zone: %s
          # true: CSV for a spreadsheet set to Spanish (UTF-8 BOM, ';' between fields, decimal
          # comma), as --csv-excel gives on one command.
          csv-excel: %s

        # The weekly digest for sales ('starling digest', 'starling serve'): remove the leading '#'
        # of the sections below and fill them in. Each suggestion reaches exactly one salesperson: the
        # most specific assignment wins (accounts, then companies, then domains, then countries), else
        # the default-recipient. A value may be assigned to one salesperson only.
        #digest:
        #  from: Starling <starling@example.com>
        #  reply-to: marketing@example.com      # replies with outcomes ("#12 won") go here
        #  cap: 25                               # people shown in the message; all are in the .xlsx
        #  default-recipient: maya@example.com   # gets whatever no assignment names
        #  salespeople:
        #    - name: Lucía Fernández
        #      email: lucia@example.com
        #      language: es                      # es or en
        #      time-zone: Europe/Madrid
        #      countries: [ES, MX, AR]
        #    - name: Oliver Bennett
        #      email: oliver@example.com
        #      language: en
        #      time-zone: Europe/London
        #      accounts: [globex labs]           # account names as 'starling leads' shows them
        #      domains: [initech.example]        # also covers subdomains
        #      companies: [Umbrella]
        #    - name: Maya Patel
        #      email: maya@example.com
        #      language: en
        #      time-zone: America/New_York
        #
        #smtp:
        #  host: smtp.example.com
        #  port: 587
        #  security: starttls                    # starttls (587), tls (465), or plain (a local relay only)
        #  user: starling@example.com
        #  # The password never goes in this file: it is read from this environment variable.
        #  password-env: STARLING_SMTP_PASSWORD
        #
        #serve:
        #  # 'starling serve' imports the mailboxes, suggests the leads and sends the digest weekly at:
        #  day: monday
        #  time: "07:00"
        #  time-zone: Europe/Madrid
        #  mailboxes: [imaps://reports@example.com/INBOX]   # password: STARLING_IMAP_PASSWORD
        """.formatted(c.stars().minCampaigns(), c.stars().minRatio(), d.prefetchSeconds(), d.proxyWindowSeconds(),
        d.scannerClickSeconds(), d.burstClicks(), d.burstSeconds(), fmt(d.halfLifeDays()), fmt(d.openWeight()),
        fmt(d.clickWeight()), d.dormancyCampaigns(), String.join(", ", d.highIntentPatterns()),
        c.output().language().toLanguageTag(), c.output().timeZone().getId(), c.output().csvExcel());
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  /**
   * Writes the default file into {@code dataDir}.
   *
   * @return the file written
   * @throws ConfigException if it exists and {@code overwrite} is false
   */
  public static Path writeDefault(Path dataDir, boolean overwrite) {
    Path file = dataDir.resolve(NAME);
    if (Files.exists(file) && !overwrite) {
      throw new ConfigException(file + " already exists; edit it, or use --force to replace it with the defaults");
    }
    try {
      Files.createDirectories(dataDir);
      Files.writeString(file, defaultText(), StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot write: " + e.getMessage(), e);
    }
  }
}
