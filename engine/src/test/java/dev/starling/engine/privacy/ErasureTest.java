package dev.starling.engine.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.starling.engine.app.Starling;
import dev.starling.engine.ingest.ImportListener;
import dev.starling.engine.store.StoreProbe;
import dev.starling.engine.testing.DataDir;
import dev.starling.engine.testing.DataDirExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * After an erasure the store is as if the person had never been imported: the features the next
 * (incremental) refresh computes, for everyone and every account, equal those of a store that never saw
 * them; and the forget listeners hear each address once.
 */
@ExtendWith(DataDirExtension.class)
class ErasureTest {
  static final String HEADER = "type,email,campaign_id,at,user_agent,ip,url\n";
  static final String SUBSCRIBED = "email,first_name,company\n";

  /** Weeks {@code from} to {@code to} (exclusive) of sends and opens to {@code people} (the i-th opens every i+1-th week). */
  static String weeks(List<String> people, int from, int to) {
    StringBuilder ev = new StringBuilder(HEADER);
    for (int w = from; w < to; w++) {
      String at = Instant.parse("2026-01-05T09:00:00Z").plusSeconds(w * 7L * 86400).toString();
      String open = Instant.parse("2026-01-05T11:00:00Z").plusSeconds(w * 7L * 86400).toString();
      for (int i = 0; i < people.size(); i++) {
        ev.append("send,").append(people.get(i)).append(",w").append(w).append(',').append(at).append(",,,\n");
        if (w % (i + 1) == 0) {
          ev.append("open,").append(people.get(i)).append(",w").append(w).append(',').append(open)
              .append(",Mozilla/5.0,203.0.113.").append(i + 1).append(",\n");
          ev.append("click,").append(people.get(i)).append(",w").append(w).append(',').append(open.replace("11:00", "11:05"))
              .append(",Mozilla/5.0,203.0.113.").append(i + 1).append(",https://acme.example/pricing?u=").append(people.get(i))
              .append('\n');
        }
      }
    }
    return ev.toString();
  }

  static void load(Starling s, Path dir, String name, String csv) throws IOException {
    Path f = Files.writeString(dir.resolve(name), csv);
    s.importFile(f, null, ImportListener.NONE);
    s.refreshFeatures();
  }

  /** Scores to 9 places: a resumed replay rescales the saved decayed sum, which moves the last bits. */
  static List<String> features(Starling s) {
    List<String> rows = new ArrayList<>(StoreProbe.rows(s.store(), "SELECT s.email, f.received, f.campaigns_opened, f.human_opens,"
        + " f.human_clicks, f.clicked_urls, f.streak, round(f.score, 9), f.star_tier, f.state, f.account, f.as_of"
        + " FROM subscriber_features f JOIN subscribers s ON s.id = f.subscriber_id ORDER BY s.email"));
    rows.addAll(StoreProbe.rows(s.store(), "SELECT account, people, engaged_people, engaged_14d,"
        + " newly_engaged_14d, round(score_sum, 9) FROM account_features ORDER BY account"));
    return rows;
  }

  @Test
  void theNextRefreshEqualsAStoreThatNeverSawThePerson(DataDir dir, Starling s) throws IOException {
    List<String> everyone = List.of("ana@acme.example", "bo@acme.example", "cy@acme.example");
    Files.createDirectories(dir.input("a"));
    load(s, dir.input("a"), "list.csv", SUBSCRIBED + "ana@acme.example,Ana,Acme\nbo@acme.example,Bo,Acme\ncy@acme.example,Cy,Acme\n");
    load(s, dir.input("a"), "weeks.csv", weeks(everyone, 0, 8));
    List<String> heard = new ArrayList<>();
    s.onForget(heard::add);
    Erasure.Result r = s.forget(List.of("ana@acme.example"), null);
    assertEquals(List.of("ana@acme.example"), heard);
    assertEquals(List.of(), r.traces());
    load(s, dir.input("a"), "week8.csv", weeks(everyone, 8, 9)); // ana's rows of week 8 are skipped

    Path other = dir.input("never");
    Files.createDirectories(other);
    try (Starling never = Starling.create(other.resolve("data"), dir.clock())) {
      load(never, other, "list.csv", SUBSCRIBED + "bo@acme.example,Bo,Acme\ncy@acme.example,Cy,Acme\n");
      // The same weeks as the others received them: bo opens every other week, cy every third.
      load(never, other, "weeks.csv", weeks(everyone, 0, 8).lines().filter(l -> !l.contains("ana@")).reduce("", (a, b) -> a + b + "\n"));
      load(never, other, "week8.csv", weeks(everyone, 8, 9).lines().filter(l -> !l.contains("ana@")).reduce("", (a, b) -> a + b + "\n"));
      assertEquals(features(never), features(s));
      assertEquals(2, features(s).stream().filter(l -> l.startsWith("bo@") || l.startsWith("cy@")).count());
    }
  }
}
