/**
 * Text files read line by line, strictly: {@link dev.starling.connectors.text.Utf8Lines} splits bytes
 * into numbered lines, decodes each as UTF-8 and reports a line that is not valid UTF-8 (with the byte
 * offset) or is too long to hold, instead of turning bad bytes into U+FFFD. Line-oriented readers
 * (Starling CSV, NDJSON) use it so one bad line is rejected and the next one is read.
 */
package dev.starling.connectors.text;
