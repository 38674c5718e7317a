-- What the star query reads of the last refresh's replay state (received, campaigns opened, human and machine
-- opens, human clicks, last human activity, status), one row for the whole list: while the feature rows
-- wait to be written after a weekly refresh, 'stars' reads this instead of resuming the whole state
-- (a tenth of a second at 100,000 people, a second at a million). Valid only for the saved state of the
-- same turn, time and settings; dropped with the saved states and by an erasure.
CREATE TABLE star_counts (
  id       INTEGER PRIMARY KEY CHECK (id = 0),
  turn     INTEGER NOT NULL,
  as_of    INTEGER NOT NULL,
  settings TEXT    NOT NULL,
  data     BLOB    NOT NULL
);
