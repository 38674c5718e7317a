package dev.starling.engine.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A list value of starling.yaml read with its lines, so errors inside a list still name where. */
sealed interface Node {
  int line();

  record Scalar(String text, int line) implements Node {}

  record Seq(List<Node> items, int line) implements Node {}

  record Obj(Map<String, Node> fields, int line) implements Node {}

  /** Reads the value that starts at the current token {@code t}; {@code key} names it in errors. */
  static Node read(JsonParser p, JsonToken t, String source, String key) throws IOException {
    int line = p.currentLocation() == null ? 0 : p.currentLocation().getLineNr();
    switch (t) {
      case START_ARRAY -> {
        List<Node> items = new ArrayList<>();
        JsonToken n;
        while ((n = p.nextToken()) != JsonToken.END_ARRAY) {
          items.add(read(p, n, source, key + "[" + (items.size() + 1) + "]"));
        }
        return new Seq(items, line);
      }
      case START_OBJECT -> {
        Map<String, Node> fields = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          int nameLine = p.currentLocation() == null ? 0 : p.currentLocation().getLineNr();
          Node previous = fields.put(name, read(p, p.nextToken(), source, key + "." + name));
          if (previous != null) {
            throw new ConfigException(source + ":" + nameLine + ": key '" + key + "." + name + "' appears twice (first on line "
                + previous.line() + "); keep one");
          }
        }
        return new Obj(fields, line);
      }
      default -> {
        return new Scalar(p.getText(), line);
      }
    }
  }
}
