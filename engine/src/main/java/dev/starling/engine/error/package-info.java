/**
 * The root of Starling's errors and the exit codes they map to. A leaf package: every other package
 * may use it, it uses none of them. {@link dev.starling.engine.error.StarlingException} is what a user
 * can cause or must act on (exit 1); {@link dev.starling.engine.error.ExitCode} names every code (0 ok,
 * 1 user or data error, 2 usage error, 70 bug). The CLI maps exceptions to codes in one place.
 */
package dev.starling.engine.error;
