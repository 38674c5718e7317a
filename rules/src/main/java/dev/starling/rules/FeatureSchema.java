package dev.starling.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The features that exist, per {@link Subject}, with their types: what conditions are type-checked
 * against when a {@link RuleBook} is loaded, and what a {@link Features} value set is built from. The
 * engine uses {@link #standard()}; tests may declare their own with {@link #of}.
 */
public final class FeatureSchema {
  private static final FeatureSchema STANDARD = of(
      java.util.Arrays.stream(StandardFeature.values()).map(StandardFeature::feature).toList());

  private final Map<Subject, FeatureLayout> layouts = new EnumMap<>(Subject.class);

  private FeatureSchema(Collection<Feature> features) {
    Set<String> seen = new HashSet<>();
    Map<Subject, List<Feature>> bySubject = new EnumMap<>(Subject.class);
    for (Subject s : Subject.values()) {
      bySubject.put(s, new ArrayList<>());
    }
    for (Feature f : features) {
      if (!seen.add(f.subject().key() + "/" + f.name())) {
        throw new IllegalArgumentException(
            "feature '" + f.name() + "' is declared twice for " + f.subject().key());
      }
      bySubject.get(f.subject()).add(f);
    }
    bySubject.forEach((s, list) -> layouts.put(s, new FeatureLayout(s, list)));
  }

  /** The features of {@link StandardFeature}, which the engine computes. */
  public static FeatureSchema standard() {
    return STANDARD;
  }

  /**
   * A schema of exactly these features, in this order.
   *
   * @throws IllegalArgumentException when a subject declares a name twice
   */
  public static FeatureSchema of(Collection<Feature> features) {
    return new FeatureSchema(features);
  }

  /** The features of {@code subject}, in declaration order. */
  public List<Feature> features(Subject subject) {
    return layouts.get(subject).features();
  }

  public Optional<Feature> feature(Subject subject, String name) {
    FeatureLayout layout = layouts.get(subject);
    int slot = layout.slot(name);
    return slot < 0 ? Optional.empty() : Optional.of(layout.feature(slot));
  }

  /** A builder for the feature values of one subscriber or account. */
  public Features.Builder newFeatures(Subject subject) {
    return new Features.Builder(layouts.get(subject));
  }

  FeatureLayout layout(Subject subject) {
    return layouts.get(subject);
  }
}
