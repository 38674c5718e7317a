/**
 * The root of Starling's errors and the exit codes they map to. A leaf package: every other package
 * may use it, it uses none of them. {@link dev.starling.engine.error.StarlingException} is what a user
 * can cause or must act on (exit 1); any other exception reaching the CLI is a bug (exit 70).
 */
package dev.starling.engine.error;
