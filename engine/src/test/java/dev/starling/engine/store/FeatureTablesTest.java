package dev.starling.engine.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.starling.engine.features.AccountFeatures;
import dev.starling.engine.features.Confidence;
import dev.starling.engine.features.EngagementState;
import dev.starling.engine.features.SubscriberFeatures;
import dev.starling.engine.features.SubscriberStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feature tables' writer on a real SQLite file: every row reads back exactly as written (every column kind: counts, times where 0 is none, reals, flags, enums,
 * lists), and a second replacement leaves only its own rows.
 */
class FeatureTablesTest {
  @TempDir Path tmp;

  private static final int PEOPLE = 70;

  private static SubscriberFeatures features(int i, int week) {
    SubscriberStatus status = i % 11 == 0 ? SubscriberStatus.UNSUBSCRIBED : SubscriberStatus.ACTIVE;
    return new SubscriberFeatures("p" + i + "@acme" + (i % 3) + ".example", "acme" + (i % 3) + ".example", "Acme " + (i % 3),
        i % 13 == 0 ? null : "acme" + (i % 3) + ".example", 10 + i + week, 9 + i, i % 7, i % 5, i % 4, i % 3, i % 2, 12, i % 12,
        i % 6, i % 9, i % 4 == 0 ? 0 : 1_790_000_000_000L + i, i % 4 == 0 ? 0 : 1_780_000_000_000L + i, i * 0.25 + week, -0.5 + i / 100.0,
        i % 6, i % 2 == 0, i % 3 == 0, Confidence.values()[i % 3], status, EngagementState.values()[i % 4],
        i % 5 == 0 ? List.of() : List.of("https://acme.example/pricing", "https://acme.example/p/" + i), i % 4,
        i % 2 == 0 ? List.of() : List.of("pricing"), 1_795_000_000_000L);
  }

  @Test
  void everyRowAndColumnReadsBackAsWrittenAndAReplacementLeavesOnlyItsOwn() throws ReflectiveOperationException {
    try (Store store = Store.create(tmp)) {
      List<String> list = new ArrayList<>();
      for (int i = 0; i < PEOPLE + 3; i++) {
        SubscriberFeatures f = features(i, 0);
        list.add("INSERT INTO subscribers (id, email, domain, company) VALUES (" + (i + 1) + ", '" + f.email() + "', '"
            + f.domain() + "', '" + f.company() + "')");
      }
      StoreProbe.execute(store, list.toArray(String[]::new));
      for (int week = 0; week < 2; week++) {
        int w = week;
        int people = PEOPLE - week; // the second replacement has one row fewer: none of the first may stay
        store.inTransaction(tx -> {
          try (FeatureTables.Writer out = new FeatureTables(store).replaceAll(1_795_000_000_000L + w)) {
            for (int i = 0; i < people; i++) {
              out.subscriber(i + 1, features(i, w));
            }
            out.account(new AccountFeatures("acme0.example", 3, 2, 1, 0, 1.5 + w));
          }
          return null;
        });
        List<SubscriberFeatures> expected = new ArrayList<>();
        for (int i = 0; i < people; i++) {
          expected.add(features(i, w));
        }
        List<SubscriberFeatures> read = new ArrayList<>();
        store.read(tx -> {
          new FeatureTables(store).forEachSubscriber(read::add);
          return null;
        });
        read.sort(java.util.Comparator.comparingInt(f -> Integer.parseInt(f.email().substring(1, f.email().indexOf('@')))));
        assertEquals(expected, read);
        for (int i : new int[] {0, 7}) {
          assertColumnsHold(store, i + 1, features(i, w));
        }
        assertEquals(List.of(String.valueOf(1_795_000_000_000L + w)),
            StoreProbe.rows(store, "SELECT DISTINCT computed_at FROM subscriber_features"));
        assertEquals(List.of("acme0.example 3 " + (1.5 + w)), StoreProbe.rows(store, "SELECT account, people, score_sum FROM account_features"));
      }
    }
  }

  /**
   * Every component of {@code f} is in the column of its name (camelCase to snake_case), as stored: a time of 0
   * as NULL, a flag as 0/1, an enum as its code, a list as lines. Reading back alone would not see two columns
   * swapped on both the way in and the way out.
   */
  private static void assertColumnsHold(Store store, int id, SubscriberFeatures f) throws ReflectiveOperationException {
    java.util.Map<String, Object> row = StoreProbe.records(store, "SELECT f.*, s.email, s.domain, s.company FROM subscriber_features f"
        + " JOIN subscribers s ON s.id = f.subscriber_id WHERE f.subscriber_id = " + id).get(0);
    for (java.lang.reflect.RecordComponent rc : SubscriberFeatures.class.getRecordComponents()) {
      String column = FeatureTables.snake(rc.getName());
      Object v = rc.getAccessor().invoke(f);
      Object expected = switch (v) {
        case Long l when l == 0 -> null;
        case Integer n -> (long) n;
        case Long l -> l;
        case Boolean b -> b ? 1L : 0L;
        case Confidence c -> c.code();
        case SubscriberStatus st -> st.code();
        case EngagementState e -> e.code();
        case List<?> list -> String.join("\n", list.stream().map(String::valueOf).toList());
        case null, default -> v;
      };
      Object stored = row.get(column);
      assertEquals(expected, stored instanceof Integer n ? (Object) (long) n : stored, column + " of subscriber " + id);
    }
  }
}
