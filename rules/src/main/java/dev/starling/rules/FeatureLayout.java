package dev.starling.rules;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The features of one subject in a fixed order: feature {@code i} lives in slot {@code i} of a
 * {@link Features} array, so the hot path looks a name up once and never builds a map.
 */
final class FeatureLayout {
  private final Subject subject;
  private final List<Feature> features;
  private final Map<String, Integer> slots;

  FeatureLayout(Subject subject, List<Feature> features) {
    this.subject = subject;
    this.features = List.copyOf(features);
    this.slots = new HashMap<>();
    for (int i = 0; i < this.features.size(); i++) {
      slots.put(this.features.get(i).name(), i);
    }
  }

  Subject subject() {
    return subject;
  }

  List<Feature> features() {
    return features;
  }

  int size() {
    return features.size();
  }

  /** The slot of {@code name}, or -1 when this subject has no such feature. */
  int slot(String name) {
    Integer s = slots.get(name);
    return s == null ? -1 : s;
  }

  Feature feature(int slot) {
    return features.get(slot);
  }
}
