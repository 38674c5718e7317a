package dev.starling.connectors.dsn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.starling.connectors.BounceKind;
import dev.starling.connectors.Event;
import dev.starling.connectors.EventType;
import dev.starling.connectors.Format;
import dev.starling.connectors.ReadAll;
import dev.starling.connectors.ReadResult;
import dev.starling.connectors.SmtpStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * The bounce corpus: messages written the way Postfix, Exim, Sendmail, qmail, Exchange and Office 365,
 * Gmail, Yahoo and AOL, and Amazon SES write them (samples/dsn/corpus), and the expected class, status
 * and reply code of every failed recipient (expected-classes.csv beside them).
 */
class BounceCorpusTest {

  static final List<String> FILES = List.of("postfix.eml", "exim.eml", "exim-plain.eml", "sendmail.eml",
      "sendmail-plain.eml", "qmail.eml", "office365.mbox", "gmail.mbox", "yahoo-aol.mbox", "amazon-ses.eml");

  private static final Map<String, List<ReadResult>> READ = new ConcurrentHashMap<>();

  static List<ReadResult> read(String file) {
    return READ.computeIfAbsent(file, f -> {
      try {
        return ReadAll.sample(Format.DSN, "dsn/corpus/" + f);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  static List<Event> bounces(String file) {
    return read(file).stream().filter(r -> r instanceof Event e && e.type() == EventType.BOUNCE)
        .map(Event.class::cast).toList();
  }

  @ParameterizedTest(name = "{0} {1}: {2} {3} {4}")
  @CsvFileSource(resources = "/samples/dsn/corpus/expected-classes.csv", numLinesToSkip = 1)
  void everyRecipientGetsItsExpectedClassStatusAndReplyCode(String file, String email, BounceKind expected,
      String status, Integer reply) {
    List<Event> matching = bounces(file).stream().filter(e -> e.email().equals(email)).toList();
    assertEquals(1, matching.size(), () -> file + " must hold exactly one bounce for " + email + " but held " + matching);
    Event e = matching.get(0);
    assertEquals(expected, e.bounceKind(), () -> email + ": " + e.detail());
    assertEquals(status == null && reply == null ? null : new SmtpStatus(status, reply), e.smtp());
  }

  @Test
  void theTableNamesEveryBounceOfTheCorpusAndNothingElse() throws IOException {
    List<String> table = new String(ReadAll.class.getResourceAsStream("/samples/dsn/corpus/expected-classes.csv")
        .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().skip(1).filter(l -> !l.isBlank())
        .map(l -> l.split(",")[0] + " " + l.split(",")[1]).sorted().toList();
    List<String> read = FILES.stream().flatMap(f -> bounces(f).stream().map(e -> f + " " + e.email())).sorted().toList();
    assertEquals(table, read);
  }

  @Test
  void everyCorpusMessageIsReadWithoutRejection() {
    for (String f : FILES) {
      assertEquals(List.of(), read(f).stream().filter(r -> !(r instanceof Event)).toList(), f);
    }
  }

  @Test
  void campaignsComeFromTheReturnedHeadersOfEveryProducer() {
    for (String f : FILES) {
      assertEquals(new TreeSet<>(List.of(expectedCampaign(f))),
          bounces(f).stream().map(Event::campaignId).collect(Collectors.toCollection(TreeSet::new)), f);
    }
  }

  private static String expectedCampaign(String file) {
    return switch (file) {
      case "exim-plain.eml" -> "of-2025-07";
      case "sendmail.eml" -> "cat-2025";
      default -> "nl-2025-02";
    };
  }
}
