-- Who human-opened each campaign, as the last feature refresh classified the opens: one bit per subscriber
-- id (java.util.BitSet's little-endian bytes). The search index reads it for the subjects people opened,
-- instead of reading and classifying every open in the store again (at a million people, 23 s of a 43 s
-- build). A campaign without a row, or touched by an import since the refresh, is classified from its
-- events as before.
CREATE TABLE human_openers (
  campaign_id INTEGER PRIMARY KEY,
  openers     BLOB    NOT NULL
);
-- A store that already has data replays every campaign at its next refresh, which saves them all; until
-- then the index classifies the opens itself, as it did before.
INSERT INTO meta (key, value) SELECT 'features_dirty', 'full' WHERE EXISTS (SELECT 1 FROM campaigns)
  ON CONFLICT (key) DO UPDATE SET value = excluded.value;
