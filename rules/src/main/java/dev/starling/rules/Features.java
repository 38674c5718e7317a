package dev.starling.rules;

import dev.cel.runtime.CelVariableResolver;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The feature values of one subscriber or one account, as the engine hands them to {@link
 * RuleBook#evaluate}. Values sit in an array in the schema's slot order, so evaluation resolves a
 * variable with one hash lookup and allocates no map. Immutable; a feature may be left unset, and a
 * rule that needs it then fails with a {@link RuleEvaluationException} naming it.
 */
public final class Features {
  private final FeatureLayout layout;
  private final Object[] values;
  private final CelVariableResolver resolver;

  private Features(FeatureLayout layout, Object[] values) {
    this.layout = layout;
    this.values = values;
    this.resolver = this::find;
  }

  public Subject subject() {
    return layout.subject();
  }

  /**
   * The value of {@code name}: {@code Long}, {@code Double}, {@code String}, {@code Boolean} or
   * {@code List<String>}; empty when it was not set.
   *
   * @throws IllegalArgumentException when the subject has no such feature
   */
  public Optional<Object> get(String name) {
    return Optional.ofNullable(values[slotOf(name, layout)]);
  }

  FeatureLayout layout() {
    return layout;
  }

  Object value(int slot) {
    return values[slot];
  }

  CelVariableResolver resolver() {
    return resolver;
  }

  private Optional<Object> find(String name) {
    int slot = layout.slot(name);
    return slot < 0 ? Optional.empty() : Optional.ofNullable(values[slot]);
  }

  private static int slotOf(String name, FeatureLayout layout) {
    int slot = layout.slot(name);
    if (slot < 0) {
      throw new IllegalArgumentException("no " + layout.subject().key() + " feature '" + name
          + "'; known: " + layout.features().stream().map(Feature::name).toList());
    }
    return slot;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(layout.subject().key()).append('{');
    for (int i = 0; i < values.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(layout.feature(i).name()).append('=').append(values[i]);
    }
    return sb.append('}').toString();
  }

  /**
   * Collects values by feature name, checking each against its declared type ({@code int} accepts
   * {@code int}/{@code long}; {@code double} accepts any number). Reusable: {@link #build()} copies,
   * so one builder can fill a million subscribers in turn.
   */
  public static final class Builder {
    private final FeatureLayout layout;
    private final Object[] values;

    Builder(FeatureLayout layout) {
      this.layout = layout;
      this.values = new Object[layout.size()];
    }

    public Builder set(String name, long value) {
      return put(name, value);
    }

    public Builder set(String name, double value) {
      return put(name, value);
    }

    public Builder set(String name, boolean value) {
      return put(name, value);
    }

    public Builder set(String name, String value) {
      return put(name, value);
    }

    public Builder set(String name, List<String> value) {
      return put(name, value);
    }

    /** Sets a value of any accepted Java type, for callers that hold values as objects. */
    public Builder setValue(String name, Object value) {
      return put(name, value);
    }

    /** Forgets the value of {@code name}. */
    public Builder unset(String name) {
      values[slotOf(name, layout)] = null;
      return this;
    }

    public Features build() {
      return new Features(layout, Arrays.copyOf(values, values.length));
    }

    private Builder put(String name, Object value) {
      int slot = slotOf(name, layout);
      values[slot] = layout.feature(slot).type().normalize(name, value);
      return this;
    }
  }
}
