package dev.starling.engine.cli;

import java.time.Clock;
import java.util.Map;

/**
 * What a command takes from its surroundings, injected so tests control it.
 *
 * @param env environment variables ({@code STARLING_HOME})
 * @param clock "now" for imports and features
 * @param terminal whether stderr is a terminal (progress lines are drawn only then)
 */
record Context(Map<String, String> env, Clock clock, boolean terminal) {}
