-- The replies to the digest already read from the mailbox, by Message-ID, so that each message is
-- processed once however often the mailbox is read (the mailbox is opened read-only: nothing is
-- flagged there). import_id is the imports row holding the reply's outcome lines (its rejected
-- lines are in rejections); NULL for a message that was ignored (its sender is no salesperson).
CREATE TABLE digest_replies (
  message_id TEXT    PRIMARY KEY,
  sender     TEXT    NOT NULL,
  read_at    INTEGER NOT NULL,    -- UTC ms, the real clock
  import_id  INTEGER REFERENCES imports (id),
  verdict    TEXT    NOT NULL     -- read | ignored
);
