package dev.starling.connectors.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.starling.connectors.FactReader;
import dev.starling.connectors.Format;
import dev.starling.connectors.ReadLimits;
import dev.starling.connectors.UnreadableSourceException;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Every reader fed what the fuzzer makes of realistic files (the seeds under
 * {@code ReadersFuzzTestInputs/<method>/}). The property: a reader returns records and rejections and
 * ends, or refuses the whole file with an {@link UnreadableSourceException}; nothing else escapes (no
 * NullPointerException, no IndexOutOfBounds, no parser exception of a library), and it neither hangs nor
 * holds more than the input. In the normal build each seed is run once (regression mode); with
 * {@code JAZZER_FUZZ=1} one method is fuzzed (see the README's testing section).
 */
class ReadersFuzzTest {

  /** How long one method is fuzzed with JAZZER_FUZZ=1 (regression mode ignores it). */
  static final String FUZZ_FOR = "5m";

  /** Reads {@code data} to the end in {@code format}; only a refusal of the whole file may be thrown. */
  static void drain(Format format, byte[] data) {
    try (FactReader r = format.open(new ByteArrayInputStream(data), "fuzz", ReadLimits.DEFAULTS)) {
      long n = 0;
      while (r.next() != null) {
        if (++n > data.length + 10L) {
          throw new AssertionError(format + " returned more results than the input has bytes: a loop");
        }
      }
      r.contentKind();
    } catch (UnreadableSourceException e) {
      if (e.getMessage().contains("\n")) {
        throw new AssertionError("a refusal must be one line: " + e.getMessage(), e);
      }
    } catch (IOException e) {
      throw new AssertionError(format + ": an IOException other than a refusal escaped from in-memory input", e);
    }
  }

  @FuzzTest(maxDuration = FUZZ_FOR)
  void starlingCsv(byte[] data) {
    drain(Format.STARLING_CSV, data);
  }

  @FuzzTest(maxDuration = FUZZ_FOR)
  void sendgrid(byte[] data) {
    drain(Format.SENDGRID, data);
  }

  @FuzzTest(maxDuration = FUZZ_FOR)
  void ses(byte[] data) {
    drain(Format.SES, data);
  }

  @FuzzTest(maxDuration = FUZZ_FOR)
  void mailgun(byte[] data) {
    drain(Format.MAILGUN, data);
  }

  @FuzzTest(maxDuration = FUZZ_FOR)
  void postmark(byte[] data) {
    drain(Format.POSTMARK, data);
  }

  @FuzzTest(maxDuration = FUZZ_FOR)
  void mailchimpActivity(byte[] data) {
    drain(Format.MAILCHIMP_ACTIVITY, data);
  }

  @FuzzTest(maxDuration = FUZZ_FOR)
  void mailchimpAudience(byte[] data) {
    drain(Format.MAILCHIMP_AUDIENCE, data);
  }

  @FuzzTest(maxDuration = FUZZ_FOR)
  void mautic(byte[] data) {
    drain(Format.MAUTIC, data);
  }

  @FuzzTest(maxDuration = FUZZ_FOR)
  void listmonk(byte[] data) {
    drain(Format.LISTMONK, data);
  }

  @FuzzTest(maxDuration = FUZZ_FOR)
  void dsn(byte[] data) {
    drain(Format.DSN, data);
  }

  @FuzzTest(maxDuration = FUZZ_FOR)
  void spreadsheet(byte[] data) {
    drain(Format.SPREADSHEET, data);
  }

  /** Sniffing runs on every file's first bytes before any reader: it must never throw. */
  @FuzzTest(maxDuration = FUZZ_FOR)
  void detect(byte[] data) {
    Format.detect(data);
  }
}
