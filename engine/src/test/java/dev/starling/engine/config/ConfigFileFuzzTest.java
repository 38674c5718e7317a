package dev.starling.engine.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/**
 * starling.yaml's parser fed what the fuzzer makes of real configuration files (seeds under
 * {@code ConfigFileFuzzTestInputs/parse/}): a file gives a {@link Config}, or a one-line
 * {@link ConfigException}; nothing else escapes (no YAML library exception, no NullPointerException,
 * no range check of a record that names no key), and nothing hangs.
 */
class ConfigFileFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void parse(byte[] data) throws IOException {
    String text = new String(data, StandardCharsets.UTF_8);
    try {
      ConfigFile.parse(new StringReader(text), "starling.yaml");
    } catch (ConfigException e) {
      if (e.getMessage().contains("\n")) {
        throw new AssertionError("a configuration error must be one line: " + e.getMessage(), e);
      }
    }
  }
}
