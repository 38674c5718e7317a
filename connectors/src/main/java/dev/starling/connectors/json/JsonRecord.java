package dev.starling.connectors.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.starling.connectors.Rejection;

/**
 * One JSON record of a provider file, or the reason it could not be parsed.
 *
 * @param number the line (NDJSON) or element number (streamed array) used as {@link Rejection#line()}
 * @param where how to name the record in a reason ("array element 3 (line 7)"), or {@code null} for a
 *     plain NDJSON line, which the rejection's line number already names
 * @param node the parsed value, or {@code null} when {@code problem} is set
 * @param envelope the top-level fields seen so far around a streamed array (Mailchimp's
 *     {@code campaign_id}), empty otherwise
 * @param raw the record's text, shortened to a few kilobytes, for the rejection
 * @param problem why the record is not readable JSON, or {@code null}
 */
public record JsonRecord(long number, String where, JsonNode node, ObjectNode envelope, String raw, String problem) {

  static final int MAX_RAW = 4096;

  /** A rejection of this record, its reason prefixed with {@link #where()} when there is one. */
  public Rejection reject(String source, String reason) {
    return new Rejection(source, number, where == null ? reason : where + ": " + reason, raw);
  }

  static String shorten(String s) {
    return s.length() <= MAX_RAW ? s : s.substring(0, MAX_RAW) + "…";
  }
}
