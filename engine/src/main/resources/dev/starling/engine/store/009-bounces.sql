-- Every bounce as the receiving server said it: a fact about a person, stored with or without a
-- campaign, with its class, the server's codes and words, and where it was reported (docs/formats.md,
-- "Bounce classes"). messages.bounce keeps the per-message flag the features use; this table keeps
-- the rest, and the bounces no campaign could be found for.
CREATE TABLE bounces (
  subscriber_id INTEGER NOT NULL,
  dedupe        INTEGER NOT NULL,   -- the event's dedupe key: a re-import adds nothing
  campaign_id   INTEGER,            -- NULL when no campaign could be found
  at            INTEGER NOT NULL,
  class         INTEGER NOT NULL,   -- 1 soft, 2 hard, 3 block
  status        TEXT,               -- RFC 3463 enhanced status code, e.g. 5.1.1
  reply_code    INTEGER,            -- SMTP reply code, e.g. 550
  diagnostic    TEXT,
  source        TEXT    NOT NULL,   -- the format that reported it: dsn, ses, sendgrid, spreadsheet, ...
  import_id     INTEGER NOT NULL,
  PRIMARY KEY (subscriber_id, dedupe)
);
CREATE INDEX bounces_by_at ON bounces (at);
-- Bounces stored before this table existed: their flag and time, no codes (source 'earlier').
INSERT INTO bounces (subscriber_id, dedupe, campaign_id, at, class, source, import_id)
  SELECT subscriber_id, -campaign_id, campaign_id, bounced_at, bounce, 'earlier', 0
  FROM messages WHERE bounce > 0 AND bounced_at IS NOT NULL;
-- What an import recognised and skipped (auto-replies, delay warnings), grouped by derived campaign,
-- and suppressed.
ALTER TABLE imports ADD COLUMN skipped INTEGER NOT NULL DEFAULT 0;
ALTER TABLE imports ADD COLUMN grouped_untagged INTEGER NOT NULL DEFAULT 0;
ALTER TABLE imports ADD COLUMN suppressed INTEGER NOT NULL DEFAULT 0;
