package dev.starling.engine.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The writer's own number and time text, checked against the definitions they shortcut (BigDecimal, the JDK's). */
class CsvTableWriterTest {
  private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

  @Test
  void decimalsAreTheBigDecimalRoundingOfTheirDigits() {
    for (double v : List.of(0.0, -0.0, 1.0, -1.0, 0.5, 0.99995, 0.99994999, 9.99995, 99999.99995, -0.00005, 0.001, 0.00149999,
        0.0015, 1234567.12345, 9999999.99995, 1e7, 123456789.0, 1e-4, 5e-5, 4.9999e-5, 0.12345, 0.123449999, 2.675, 1.00005,
        (double) 11 / 12, (double) 2 / 3, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE)) {
      assertEquals(CsvTableWriter.decimalByBigDecimal(v), CsvTableWriter.decimal(v), () -> "for " + v);
    }
    Random random = new Random(SEED);
    for (int i = 0; i < 200_000; i++) {
      double v = switch (i % 4) {
        case 0 -> random.nextDouble(); // ratios
        case 1 -> (double) random.nextInt(60) / (1 + random.nextInt(60)); // opened / received
        case 2 -> Math.round(random.nextGaussian() * 1e6) / 1e5; // five decimals, either sign
        default -> Double.longBitsToDouble(random.nextLong()); // anything
      };
      if (!Double.isNaN(v) && !Double.isInfinite(v)) {
        assertEquals(CsvTableWriter.decimalByBigDecimal(v), CsvTableWriter.decimal(v), () -> "for " + v + " (seed " + SEED + ")");
      }
    }
    assertEquals("", CsvTableWriter.decimal(Double.NaN));
    assertEquals("", CsvTableWriter.decimal(Double.POSITIVE_INFINITY));
  }

  @Test
  void timesAreTheJdksInstantText() {
    for (Instant t : List.of(Instant.EPOCH, Instant.ofEpochMilli(1797331328000L), Instant.ofEpochSecond(1797331320L),
        Instant.ofEpochSecond(-1, 1), Instant.ofEpochSecond(0, 1_000), Instant.ofEpochSecond(0, 999_999_999),
        Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999Z"), Instant.parse("-0001-12-31T23:59:59Z"),
        Instant.parse("+10000-01-01T00:00:00Z"), Instant.MIN, Instant.MAX, Instant.parse("2024-02-29T12:00:00.120Z"))) {
      assertEquals(t.toString(), CsvTableWriter.instant(t));
    }
    Random random = new Random(SEED);
    for (int i = 0; i < 200_000; i++) {
      long seconds = random.nextLong(-70_000_000_000L, 260_000_000_000L);
      int nano = switch (i % 4) {
        case 0 -> 0;
        case 1 -> random.nextInt(1_000) * 1_000_000;
        case 2 -> random.nextInt(1_000_000) * 1_000;
        default -> random.nextInt(1_000_000_000);
      };
      Instant t = Instant.ofEpochSecond(seconds, nano);
      assertEquals(t.toString(), CsvTableWriter.instant(t), () -> "for " + t + " (seed " + SEED + ")");
    }
  }
}
