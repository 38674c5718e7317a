package dev.starling.connectors.bounce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.starling.connectors.BounceKind;
import dev.starling.connectors.SmtpStatus;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BounceRulesTest {

  /** One diagnostic per rule family: the class the first digit gave (the old behaviour) and the right one. */
  @ParameterizedTest(name = "{0} {1} -> {3}")
  @CsvSource(delimiter = '|', textBlock = """
      5.2.2 |                                                                            | 552 | SOFT
      5.7.26|550 5.7.26 This mail has been blocked because the sender is unauthenticated  |     | BLOCK
      5.7.1 |554 5.7.1 Message rejected as spam by Content Filtering                       |     | BLOCK
      5.0.0 |550 5.0.0 <x@example.org>... User unknown                                     |     | HARD
      5.0.0 |552 5.0.0 Requested mail action aborted: exceeded storage allocation          |     | SOFT
            |550 Requested action not taken: mailbox unavailable                            |     | HARD
            |421 Service not available, closing transmission channel                        |     | SOFT
            |554 Transaction failed                                                         |     | BLOCK
      4.4.7 |Delivery time expired                                                          |     | SOFT
      5.1.6 |550 5.1.6 Recipient addresses in this domain no longer accept mail             |     | HARD
      5.7.1 |550 5.7.1 Sender address rejected: not owned by user                          |     | BLOCK
            |                                                                               |     | SOFT
      """)
  void classifiesByCodeThenWordingThenClass(String status, String diagnostic, Integer reply, BounceKind expected) {
    SmtpStatus smtp = status == null && diagnostic == null && reply == null ? null
        : reply != null ? new SmtpStatus(status, reply) : SmtpStatus.of(status, diagnostic);
    assertEquals(expected, BounceRules.standard().classify(smtp, diagnostic).kind());
  }

  @Test
  void aProviderVerdictStandsWhereTheTableKnowsOnlyTheClassDigit() {
    BounceRules rules = BounceRules.standard();
    assertEquals(BounceKind.BLOCK, rules.classify(new SmtpStatus("5.9.9", null), null, BounceKind.BLOCK));
    assertEquals(BounceKind.SOFT, rules.classify(new SmtpStatus("5.2.2", null), null, BounceKind.HARD));
    assertEquals(BounceKind.HARD, rules.classify(null, null, BounceKind.HARD));
  }

  @Test
  void theVerdictNamesItsRuleAndReason() {
    Verdict v = BounceRules.standard().classify(new SmtpStatus("5.2.2", 552), "552 5.2.2 Mailbox full");
    assertEquals(List.of("status *.2.2", "mailbox full, over quota", true), List.of(v.rule(), v.reason(), v.specific()));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      hard status 5.1.1                          | rules.txt:1: a rule needs its reason after ' # ' but was 'hard status 5.1.1'
      firm status 5.1.1 # x                      | rules.txt:1: class must be hard, soft or block but was 'firm'
      hard status 5.1 # x                        | rules.txt:1: status must be like 5.1.1, 5.7.* or *.2.2 but was '5.1'
      hard reply 55 # x                          | rules.txt:1: reply must be three digits like 550 or 4** but was '55'
      hard text (unclosed # x                    | rules.txt:1: text must be a Java regular expression: Unclosed group in '(unclosed'
      hard code 550 # x                          | rules.txt:1: rule must be status, reply, text or default but was 'code'
      hard status 5.1.1 # x                      | rules.txt: the last rule must be '<class> default # why', so that every bounce gets a class
      """)
  void everyMistakeInARuleFileIsNamedWithItsLine(String line, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BounceRules.parse(List.of(line.strip()), "rules.txt"));
    assertEquals(message, e.getMessage());
  }
}
