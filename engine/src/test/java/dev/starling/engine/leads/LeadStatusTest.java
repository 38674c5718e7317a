package dev.starling.engine.leads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.starling.engine.error.StarlingException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LeadStatusTest {
  /** Every status and exactly the statuses it may become. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      suggested | accepted rejected
      accepted  | contacted won lost rejected
      contacted | won lost rejected
      won       | ''
      lost      | ''
      rejected  | accepted
      """)
  void eachStatusAllowsExactlyItsNextSteps(String from, String allowed) {
    LeadStatus status = LeadStatus.ofCode(from);
    Set<LeadStatus> expected = allowed.isBlank() ? EnumSet.noneOf(LeadStatus.class)
        : Arrays.stream(allowed.split(" ")).map(LeadStatus::ofCode).collect(Collectors.toCollection(() -> EnumSet.noneOf(LeadStatus.class)));
    assertEquals(expected, status.next());
    for (LeadStatus to : LeadStatus.values()) {
      assertEquals(expected.contains(to), status.canBecome(to), from + " -> " + to);
    }
    assertEquals(expected.isEmpty(), status.isFinal());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      won       | suggested | lead #12 is won; it cannot become suggested (allowed from won: none)
      suggested | won       | lead #12 is suggested; it cannot become won (allowed from suggested: accepted, rejected)
      accepted  | accepted  | lead #12 is accepted; it cannot become accepted (allowed from accepted: contacted, won, lost, rejected)
      rejected  | lost      | lead #12 is rejected; it cannot become lost (allowed from rejected: accepted)
      """)
  void anInvalidStepIsOneLineNamingBothStates(String from, String to, String message) {
    StarlingException e = assertThrows(StarlingException.class, () -> LeadStatus.ofCode(from).checkTransition(12, LeadStatus.ofCode(to)));
    assertEquals(message, e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      Accepted | ACCEPTED
      ' won '  | WON
      """)
  void statusesParseCaseInsensitively(String text, LeadStatus expected) {
    assertEquals(expected, LeadStatus.ofCode(text));
  }

  @ParameterizedTest
  @CsvSource({"done", "''"})
  void anUnknownStatusNamesEveryAcceptedOne(String text) {
    StarlingException e = assertThrows(StarlingException.class, () -> LeadStatus.ofCode(text));
    assertEquals("status must be one of suggested, accepted, contacted, won, lost, rejected but was '" + text + "'", e.getMessage());
  }
}
