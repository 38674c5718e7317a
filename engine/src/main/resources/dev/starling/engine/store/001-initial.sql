-- Subscribers: ids are assigned by the importer (dense, from 1) so features can use arrays.
CREATE TABLE subscribers (
  id          INTEGER PRIMARY KEY,
  email       TEXT    NOT NULL UNIQUE,
  domain      TEXT    NOT NULL,
  first_name  TEXT,
  last_name   TEXT,
  company     TEXT,
  country     TEXT,
  created_at  INTEGER,          -- UTC epoch ms; NULL when only seen in an event log
  tags        TEXT,             -- '|'-separated
  status      TEXT,             -- the list's word: subscribed, unsubscribed, cleaned, pending
  on_list     INTEGER NOT NULL DEFAULT 0  -- 1 once a subscriber file named them
);

CREATE TABLE campaigns (
  id          INTEGER PRIMARY KEY,
  code        TEXT    NOT NULL UNIQUE,  -- the campaign id users and ESPs know
  name        TEXT,
  subject     TEXT,
  sent_at     INTEGER,
  list        TEXT,
  placeholder INTEGER NOT NULL DEFAULT 0  -- 1 while only events have named it
);

-- One row per message: most of the store. Times are UTC epoch ms; bounce 0 none, 1 soft, 2 hard.
CREATE TABLE messages (
  campaign_id   INTEGER NOT NULL,
  subscriber_id INTEGER NOT NULL,
  sent_at       INTEGER,
  delivered_at  INTEGER,
  bounced_at    INTEGER,
  bounce        INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (campaign_id, subscriber_id)
) WITHOUT ROWID;

CREATE TABLE agents (
  id   INTEGER PRIMARY KEY,
  text TEXT NOT NULL UNIQUE
);

-- Opens, clicks, complaints, unsubscribes. campaign_id 0 = list-level (no campaign named).
CREATE TABLE events (
  campaign_id   INTEGER NOT NULL,
  subscriber_id INTEGER NOT NULL,
  dedupe        INTEGER NOT NULL,
  type          INTEGER NOT NULL,  -- EventType.code()
  at            INTEGER NOT NULL,
  agent_id      INTEGER,
  ip            TEXT,
  url           TEXT,
  machine_flag  INTEGER,           -- the provider's verdict: 1 machine, 0 human, NULL none
  detail        TEXT,
  import_id     INTEGER NOT NULL,
  PRIMARY KEY (campaign_id, subscriber_id, dedupe)
) WITHOUT ROWID;

CREATE TABLE imports (
  id            INTEGER PRIMARY KEY,
  source        TEXT    NOT NULL,
  sha256        TEXT    NOT NULL,
  format        TEXT    NOT NULL,
  kind          TEXT    NOT NULL,
  started_at    INTEGER NOT NULL,
  finished_at   INTEGER NOT NULL,
  rows_read     INTEGER NOT NULL,
  imported      INTEGER NOT NULL,
  duplicates    INTEGER NOT NULL,
  rejected      INTEGER NOT NULL,
  new_subscribers INTEGER NOT NULL,
  new_campaigns INTEGER NOT NULL
);
CREATE INDEX imports_by_sha ON imports (sha256);

CREATE TABLE rejections (
  import_id INTEGER NOT NULL,
  line      INTEGER NOT NULL,
  reason    TEXT    NOT NULL,
  raw       TEXT    NOT NULL
);
CREATE INDEX rejections_by_import ON rejections (import_id);

-- Engagement per subscriber, recomputed by the feature replay after each import.
CREATE TABLE subscriber_features (
  subscriber_id     INTEGER PRIMARY KEY,
  received          INTEGER NOT NULL,
  campaigns_opened  INTEGER NOT NULL,  -- distinct received campaigns with a human open
  human_opens       INTEGER NOT NULL,
  machine_opens     INTEGER NOT NULL,
  human_clicks      INTEGER NOT NULL,
  last_human_at     INTEGER,
  status            TEXT    NOT NULL,  -- active, unsubscribed, complained, hard_bounced
  computed_at       INTEGER NOT NULL
);

-- Small facts about the store itself: features_dirty (an import landed since the last feature
-- refresh), features_settings (the engagement settings the features were computed with).
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
