package dev.starling.engine.features.replay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The replay's URL texts, each kept once and named by a dense id: the per-subscriber lists of
 * clicked URLs hold ids, so a URL clicked by a hundred thousand people costs one string, and the
 * saved state holds each text once. Ids only grow: a saved state names ids below {@link #size()}
 * of the dictionary it was saved with, and a later dictionary extends that one.
 */
final class UrlNames {
  private final List<String> texts = new ArrayList<>();
  private final Map<String, Integer> ids = new HashMap<>();
  private int stored;

  /** The id of {@code url}, a new one when it is new. */
  int id(String url) {
    Integer id = ids.get(url);
    if (id == null) {
      id = texts.size();
      texts.add(url);
      ids.put(url, id);
    }
    return id;
  }

  String text(int id) {
    return texts.get(id);
  }

  int size() {
    return texts.size();
  }

  /** How many of the texts (ids below it) are in the store already. */
  int stored() {
    return stored;
  }

  void markStored() {
    stored = texts.size();
  }
}
