-- The weekly digest (issue 8). digest_sends: one row per message sent, so a (week, recipient) is never
-- sent twice unless asked (--resend adds a row). digest_stars: the star subscribers as each week's digest
-- saw them, so the next digest can say who became a star and who went cold.
CREATE TABLE digest_sends (
  id          INTEGER PRIMARY KEY,
  week        TEXT    NOT NULL,   -- ISO week, 2026-W48
  recipient   TEXT    NOT NULL,   -- the salesperson's email
  sent_at     INTEGER NOT NULL,   -- UTC epoch ms
  message_id  TEXT    NOT NULL,
  entries     INTEGER NOT NULL,   -- people and accounts in the message (before the cap)
  suggestions INTEGER NOT NULL    -- lead suggestions routed to the recipient
);
CREATE INDEX digest_sends_by_week ON digest_sends (week, recipient);

CREATE TABLE digest_stars (
  week  TEXT NOT NULL,
  email TEXT NOT NULL,
  PRIMARY KEY (week, email)
) WITHOUT ROWID;
