-- The saved replay states in chunks of subscribers, so that a refresh rewrites only the chunks whose
-- subscribers changed and never holds a whole state as one value: replay_snapshots keeps each slot's
-- header, replay_chunks its subscribers' state, replay_urls the clicked-URL texts the states name by id.
CREATE TABLE replay_chunks (
  slot  INTEGER NOT NULL,  -- replay_snapshots.slot
  chunk INTEGER NOT NULL,  -- subscribers chunk * size .. (chunk + 1) * size - 1
  data  BLOB    NOT NULL,
  PRIMARY KEY (slot, chunk)
);
CREATE TABLE replay_urls (
  id   INTEGER PRIMARY KEY,
  text TEXT    NOT NULL
);
-- Saved states of the old single-value format cannot be resumed from: the next refresh replays all.
DELETE FROM replay_snapshots;
