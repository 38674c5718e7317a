-- Incremental feature refresh: which campaigns imports touched since the last refresh, and the
-- replay state saved by the last refresh (at its end, and a few campaigns before it).
CREATE TABLE dirty_campaigns (
  campaign_id INTEGER PRIMARY KEY
);
CREATE TABLE replay_snapshots (
  slot      INTEGER PRIMARY KEY,  -- 0: after the last campaign; 1: a few campaigns before
  turn      INTEGER NOT NULL,     -- campaigns replayed into this state
  campaigns BLOB    NOT NULL,     -- their ids, in replay order
  state     BLOB    NOT NULL,
  as_of     INTEGER NOT NULL,
  settings  TEXT    NOT NULL
);
