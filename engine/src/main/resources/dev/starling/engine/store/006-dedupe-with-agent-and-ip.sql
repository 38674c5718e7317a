-- Content-based dedupe keys now include the user agent and IP (two different opens in the same
-- second stay two). Events already stored were keyed without them: mark such a store so that its
-- imports also check the old key, and re-importing an old file adds nothing.
INSERT INTO meta (key, value) SELECT 'legacy_dedupe_keys', '1' WHERE EXISTS (SELECT 1 FROM events);
