package dev.starling.engine.index;

import dev.starling.engine.app.Starling;
import dev.starling.engine.ingest.ImportListener;
import dev.starling.engine.testing.DataDir;
import dev.starling.fixtures.DatasetGenerator;
import dev.starling.fixtures.DatasetSpec;
import dev.starling.fixtures.DatasetSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntPredicate;

/** The generated data the search tests index: 1,500 people, 10 campaigns, seed 41 (the refresh tests' set). */
final class SearchFixture {
  static final DatasetSpec SPEC = DatasetSpec.of(1500, 10, 41);

  private SearchFixture() {}

  /** Imports the list, the campaigns and the events of the campaigns {@code weeks} accepts (1-based). */
  static DatasetSummary load(Starling s, DataDir dir, IntPredicate weeks) throws IOException {
    DatasetSummary gen = DatasetGenerator.generate(SPEC, dir.input("in"));
    s.importFile(gen.subscribersFile(), null, ImportListener.NONE);
    s.importFile(gen.campaignsFile(), null, ImportListener.NONE);
    s.importFile(events(gen, dir, "events-part.csv", weeks), null, ImportListener.NONE);
    return gen;
  }

  /** The events of the campaigns {@code weeks} accepts, as a file of their own. */
  static Path events(DatasetSummary gen, DataDir dir, String name, IntPredicate weeks) throws IOException {
    List<String> lines = Files.readAllLines(gen.eventsFile());
    StringBuilder out = new StringBuilder(lines.get(0)).append('\n');
    for (String l : lines.subList(1, lines.size())) {
      if (weeks.test(campaign(l))) {
        out.append(l).append('\n');
      }
    }
    return Files.writeString(dir.input(name), out);
  }

  /** The campaign number of an events line (its third cell, {@code nl-007}); 0 for list-level events. */
  static int campaign(String line) {
    String[] cells = line.split(",", 4);
    return cells[2].startsWith("nl-") ? Integer.parseInt(cells[2].substring(3)) : 0;
  }
}
