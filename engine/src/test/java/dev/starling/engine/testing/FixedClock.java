package dev.starling.engine.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The instant {@link DataDirExtension}'s clock stands still at, on a test class or method (the
 * method's wins). Without it the clock reads {@value #DEFAULT}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface FixedClock {
  String DEFAULT = "2026-06-01T00:00:00Z";

  /** An ISO-8601 instant, e.g. {@code 2026-11-23T00:00:00Z}. */
  String value();
}
