package dev.starling.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.starling.engine.features.EngagementSettings;
import dev.starling.engine.features.StarCriteria;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigFileTest {
  @TempDir Path tmp;

  @Test
  void theWrittenDefaultFileReadsBackAsTheDefaults() {
    ConfigFile.writeDefault(tmp, false);
    assertEquals(new Config(StarCriteria.DEFAULTS, EngagementSettings.DEFAULTS, "rules.yaml"), ConfigFile.load(tmp));
    assertEquals(tmp.resolve("starling.yaml") + " already exists; edit it, or use --force to replace it with the defaults",
        assertThrows(ConfigException.class, () -> ConfigFile.writeDefault(tmp, false)).getMessage());
  }

  @Test
  void noFileMeansDefaultsAndValuesOverrideThem() throws IOException {
    assertEquals(Config.DEFAULTS, ConfigFile.load(tmp));
    Files.writeString(tmp.resolve("starling.yaml"), "stars:\n  min-ratio: 0.75\nmachine-opens:\n  prefetch-seconds: 4\n");
    assertEquals(new Config(new StarCriteria(5, 0.75), EngagementSettings.DEFAULTS.withOpenWindows(4, 120)), ConfigFile.load(tmp));
  }

  @Test
  void theCommentedDigestExampleReadsBackWhenUncommented() throws IOException {
    String text = ConfigFile.defaultText().lines()
        .map(l -> l.matches("#(digest|smtp|serve):.*|#  .*") ? l.substring(1) : l)
        .collect(java.util.stream.Collectors.joining("\n"));
    Config c = ConfigFile.parse(new StringReader(text), "starling.yaml");
    dev.starling.engine.digest.Routing r = c.digest().routing();
    assertEquals(java.util.List.of("lucia@example.com", "oliver@example.com", "maya@example.com"),
        r.people().stream().map(dev.starling.engine.digest.Salesperson::email).toList());
    assertEquals("Lucía Fernández", r.people().get(0).name());
    assertEquals(dev.starling.engine.digest.Language.ES, r.people().get(0).language());
    assertEquals(java.time.ZoneId.of("Europe/Madrid"), r.people().get(0).zone());
    assertEquals("maya@example.com", r.defaultRecipient().orElseThrow().email());
    assertEquals(25, c.digest().cap());
    assertEquals("Starling <starling@example.com>", c.digest().from());
    assertEquals("marketing@example.com", c.digest().replyTo());
    assertEquals(new dev.starling.engine.digest.SmtpSettings("smtp.example.com", 587,
        dev.starling.engine.digest.SmtpSettings.Security.STARTTLS, "starling@example.com", "STARLING_SMTP_PASSWORD"), c.smtp());
    assertEquals(new Schedule(java.time.DayOfWeek.MONDAY, java.time.LocalTime.of(7, 0), java.time.ZoneId.of("Europe/Madrid"),
        java.util.List.of("imaps://reports@example.com/INBOX")), c.schedule());
  }

  @Test
  void outputSettingsAreRead() throws IOException {
    Files.writeString(tmp.resolve("starling.yaml"), "output:\n  language: es\n  time-zone: Europe/Madrid\n  csv-excel: true\n");
    assertEquals(new OutputSettings(java.util.Locale.forLanguageTag("es"), java.time.ZoneId.of("Europe/Madrid"), true),
        ConfigFile.load(tmp).output());
  }

  /** Before: the second value silently won (min-ratio 0.9 then 0.1 gave 102 stars instead of 6). */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "stars:\\n  min-ratio: 0.9\\n  min-ratio: 0.1 | c.yaml:3: key 'stars.min-ratio' appears twice (first on line 2); keep one",
    "stars:\\n  min-ratio: 0.9\\noutput:\\n  language: es\\nstars:\\n  min-campaigns: 3 | c.yaml:5: key 'stars' appears twice (first on line 1); keep one",
    "digest:\\n  salespeople:\\n    - name: Ana\\n      email: a@b.example\\n      email: c@b.example | c.yaml:5: key 'digest.salespeople[1].email' appears twice (first on line 4); keep one",
  })
  void duplicateKeysWereSilentlyOverwritten(String text, String message) {
    assertEquals(message, assertThrows(ConfigException.class,
        () -> ConfigFile.parse(new StringReader(text.replace("\\n", "\n")), "c.yaml")).getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "stars:\\n  min-campaign: 5 | c.yaml:2: unknown key 'stars.min-campaign'; did you mean 'stars.min-campaigns'?",
    "star:\\n  min-ratio: 0.5 | c.yaml:2: unknown key 'star.min-ratio'; did you mean 'stars.min-ratio'?",
    "stars:\\n  colour: red | c.yaml:2: unknown key 'stars.colour'; expected one of stars.min-campaigns, stars.min-ratio",
    "star:\\n  min-campaigns: 5 | c.yaml:2: unknown key 'star.min-campaigns'; did you mean 'stars.min-campaigns'?",
    "colours:\\n  min-campaigns: 5 | c.yaml:2: unknown key 'colours.min-campaigns'; the sections are stars, machine-opens, machine-clicks, engagement, rules, output, bounces, leads, digest, smtp, serve, import",
    "smtp:\\n  host: h\\n  password: hunter2 | c.yaml:3: key 'smtp.password' is not allowed: a password never goes in this file; put it in the environment variable named by smtp.password-env (default STARLING_SMTP_PASSWORD)",
    "smtp:\\n  host: h\\n  security: ssl | c.yaml:3: key 'smtp.security' must be starttls, tls or plain but was 'ssl'",
    "smtp:\\n  port: 25 | c.yaml:2: key 'smtp.host' is missing: it must be a host name",
    "serve:\\n  day: someday | c.yaml:2: key 'serve.day' must be a day of the week, e.g. monday but was 'someday'",
    "serve:\\n  time: 25:00 | c.yaml:2: key 'serve.time' must be a time of day HH:MM, e.g. \"07:30\" but was '25:00'",
    "serve:\\n  time-zone: Mars/Olympus | c.yaml:2: key 'serve.time-zone' must be a time zone, e.g. Europe/Madrid but was 'Mars/Olympus'",
    "digest:\\n  from: a@b.example | c.yaml:2: key 'digest.salespeople' must list at least one salesperson: the digest routes nothing to anyone",
    "digest:\\n  from: a@b.example\\n  salespeople:\\n    - name: Ana\\n      email: ana@b.example | c.yaml:3: key 'digest.default-recipient' is needed: no salesperson has accounts, companies, domains or countries, so the digest routes nothing to anyone",
    "digest:\\n  from: a@b.example\\n  salespeople:\\n    - name: Ana\\n      email: ana@b.example\\n      countries: [ES]\\n    - name: Bo\\n      email: bo@b.example\\n      countries: [MX]\\n    - name: Cy\\n      email: cy@b.example | c.yaml:3: key 'digest.salespeople': routes nothing to cy@b.example: give them accounts, companies, domains or countries, or make them the default recipient",
    "digest:\\n  from: a@b.example\\n  salespeople:\\n    - name: Ana\\n      email: ana@b.example\\n      countries: [ES, mx]\\n    - name: Bo\\n      email: bo@b.example\\n      countries: [MX] | c.yaml:3: key 'digest.salespeople': country 'MX' is assigned to both ana@b.example and bo@b.example: each suggestion must reach exactly one salesperson",
    "digest:\\n  from: a@b.example\\n  default-recipient: zed@b.example\\n  salespeople:\\n    - name: Ana\\n      email: ana@b.example | c.yaml:3: key 'digest.default-recipient': the default recipient must be the email of one of the salespeople (ana@b.example) but was 'zed@b.example'",
    "digest:\\n  from: a@b.example\\n  default-recipient: ana@b.example\\n  salespeople:\\n    - name: Ana\\n      email: ana@b.example\\n      language: fr | c.yaml:7: key 'digest.salespeople[1].language' must be es or en but was 'fr'",
    "digest:\\n  from: a@b.example\\n  default-recipient: ana@b.example\\n  salespeople:\\n    - name: Ana\\n      email: ana@b.example\\n      time-zone: Madrid | c.yaml:7: key 'digest.salespeople[1].time-zone' must be a time zone, e.g. Europe/Madrid but was 'Madrid'",
    "digest:\\n  from: a@b.example\\n  default-recipient: ana@b.example\\n  salespeople:\\n    - name: Ana\\n      email: ana@b.example\\n      team: north | c.yaml:7: unknown key 'digest.salespeople[1].team'; expected one of name, email, language, time-zone, accounts, companies, domains, countries",
    "digest:\\n  from: a@b.example\\n  default-recipient: ana\\n  salespeople:\\n    - name: Ana\\n      email: ana | c.yaml:6: key 'digest.salespeople[1].email' must be an email address but was 'ana'",
    "digest:\\n  default-recipient: ana@b.example\\n  salespeople:\\n    - name: Ana\\n      email: ana@b.example | c.yaml:3: key 'digest.from' is missing: it must be the From: address, e.g. Starling <starling@example.com>",
    "engagement:\\n  half-life-days: 0 | c.yaml:2: key 'engagement.half-life-days' must be a number of days > 0 but was '0'",
    "machine-clicks:\\n  burst-clicks: 1 | c.yaml:2: key 'machine-clicks.burst-clicks' must be a whole number >= 2 but was '1'",
    "# hi\\nstars:\\n  min-ratio: lots | c.yaml:3: key 'stars.min-ratio' must be a number in (0, 1] but was 'lots'",
    "stars:\\n  min-ratio: 1.5 | c.yaml:2: key 'stars.min-ratio' must be a number in (0, 1] but was '1.5'",
    "stars:\\n  min-campaigns: 0 | c.yaml:2: key 'stars.min-campaigns' must be a whole number >= 1 but was '0'",
    "bounces:\\n  soft-limit: 0 | c.yaml:2: key 'bounces.soft-limit' must be a whole number >= 1 but was '0'",
    "bounces:\\n  soft-span-days: 1.5 | c.yaml:2: key 'bounces.soft-span-days' must be a whole number of days >= 1 but was '1.5'",
    "machine-opens:\\n  prefetch-seconds: 2.5 | c.yaml:2: key 'machine-opens.prefetch-seconds' must be a whole number of seconds >= 0 but was '2.5'",
    "stars: [1, 2] | c.yaml:1: key 'stars' must not be a list",
    "output:\\n  language: fr | c.yaml:2: key 'output.language' must be en or es but was 'fr'",
    "output:\\n  time-zone: Mars/Olympus | c.yaml:2: key 'output.time-zone' must be a time zone such as UTC or Europe/Madrid but was 'Mars/Olympus'",
    "output:\\n  csv-excel: si | c.yaml:2: key 'output.csv-excel' must be true or false but was 'si'",
    "digest:\\n  from: a@b.example\\n  default-recipient: ana@b.example\\n  salespeople:\\n    - name: Ana\\n      emial: ana@b.example | c.yaml:6: unknown key 'digest.salespeople[1].emial'; did you mean 'email'?",
    "stars:\\n  min-ratio: [0.9\\nengagement:\\n  open-weight: 1 | c.yaml:2:14: not valid YAML: '[' starts a list that is never closed with ']'; min-ratio takes one value: write 'min-ratio: 0.9'",
    "serve:\\n  mailboxes: [imap://a@b/INBOX\\n  day: monday | c.yaml:2:14: not valid YAML: '[' starts a list that is never closed with ']'; close it: 'mailboxes: [imap://a@b/INBOX]'",
    "stars:\\n\tmin-ratio: 0.9 | c.yaml:2:1: not valid YAML: a tab character; indent with spaces only",
    "stars:\\n  min-ratio: 0.9: 1 | c.yaml:2:17: not valid YAML: a second ': ' on one line; if it belongs to the value, put the whole value in double quotes",
    "stars:\\n  min-ratio: 0.9\\n min-campaigns: 3 | c.yaml:3:2: not valid YAML: this line is not indented like the lines above it; keys of one section line up",
    "- a\\n- b | c.yaml:1: the file must be a map of sections (stars:, machine-opens:) but starts with [",
  })
  void badFilesNameTheLineKeyAndWhatWasExpected(String text, String message) {
    assertEquals(message, assertThrows(ConfigException.class,
        () -> ConfigFile.parse(new StringReader(text.replace("\\n", "\n")), "c.yaml")).getMessage());
  }
}
