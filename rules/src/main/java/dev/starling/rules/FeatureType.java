package dev.starling.rules;

import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import java.util.List;
import java.util.Locale;

/**
 * The value types a feature can have. Each maps to one CEL type and one Java representation, which
 * {@link #normalize} enforces where values enter: {@code Long}, {@code Double}, {@code String},
 * {@code Boolean}, an unmodifiable {@code List<String>}.
 */
public enum FeatureType {
  INT,
  DOUBLE,
  STRING,
  BOOL,
  STRING_LIST;

  /** How the type is written in CEL and in messages: {@code int}, {@code list(string)}, … */
  public String celName() {
    return this == STRING_LIST ? "list(string)" : name().toLowerCase(Locale.ROOT);
  }

  CelType celType() {
    return switch (this) {
      case INT -> SimpleType.INT;
      case DOUBLE -> SimpleType.DOUBLE;
      case STRING -> SimpleType.STRING;
      case BOOL -> SimpleType.BOOL;
      case STRING_LIST -> ListType.create(SimpleType.STRING);
    };
  }

  /**
   * The canonical representation of {@code value} for this type.
   *
   * @throws IllegalArgumentException naming the feature when the value does not fit
   */
  Object normalize(String feature, Object value) {
    if (value == null) {
      throw new IllegalArgumentException("feature '" + feature + "' must not be set to null");
    }
    Object v = switch (this) {
      case INT -> value instanceof Long || value instanceof Integer || value instanceof Short
          ? (Object) ((Number) value).longValue() : null;
      case DOUBLE -> value instanceof Number n ? (Object) n.doubleValue() : null;
      case STRING -> value instanceof String ? value : null;
      case BOOL -> value instanceof Boolean ? value : null;
      case STRING_LIST -> value instanceof List<?> l && allStrings(l) ? List.copyOf(l) : null;
    };
    if (v == null) {
      throw new IllegalArgumentException("feature '" + feature + "' is " + celName()
          + " but was given " + describe(value));
    }
    return v;
  }

  /** A plain loop: this runs for every list feature of every subscriber a rules run binds. */
  private static boolean allStrings(List<?> l) {
    for (Object o : l) {
      if (!(o instanceof String)) {
        return false;
      }
    }
    return true;
  }

  private static String describe(Object value) {
    return switch (value) {
      case String s -> "string '" + s + "'";
      case List<?> l -> "list " + l;
      default -> value.getClass().getSimpleName() + " " + value;
    };
  }
}
