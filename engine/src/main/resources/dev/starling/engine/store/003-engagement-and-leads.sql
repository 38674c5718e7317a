-- The full engagement model (docs/engagement.md). Features are derived data: recomputed, so replaced.
DROP TABLE subscriber_features;
CREATE TABLE subscriber_features (
  subscriber_id      INTEGER PRIMARY KEY,
  received           INTEGER NOT NULL,
  delivered          INTEGER NOT NULL,
  campaigns_opened   INTEGER NOT NULL,
  human_opens        INTEGER NOT NULL,
  machine_opens      INTEGER NOT NULL,
  human_clicks       INTEGER NOT NULL,
  machine_clicks     INTEGER NOT NULL,
  last_n             INTEGER NOT NULL,
  last_n_opened      INTEGER NOT NULL,
  streak             INTEGER NOT NULL,
  recent_misses      INTEGER NOT NULL,
  last_human_at      INTEGER,
  first_human_at     INTEGER,
  score              REAL    NOT NULL,
  trend              REAL    NOT NULL,
  star_tier          INTEGER NOT NULL,
  was_star           INTEGER NOT NULL,
  dormant_before     INTEGER NOT NULL,
  confidence         TEXT    NOT NULL,
  status             TEXT    NOT NULL,
  state              TEXT    NOT NULL,
  clicked_urls       TEXT    NOT NULL,  -- distinct human-clicked URLs, newline-separated, at most 20
  high_intent_clicks INTEGER NOT NULL,
  high_intent_pages  TEXT    NOT NULL,  -- matched patterns, newline-separated
  account            TEXT,              -- company, or business domain; NULL for free-mail without company
  as_of              INTEGER NOT NULL,
  computed_at        INTEGER NOT NULL
);
CREATE INDEX subscriber_features_by_account ON subscriber_features (account);

CREATE TABLE account_features (
  account           TEXT PRIMARY KEY,
  people            INTEGER NOT NULL,
  engaged_people    INTEGER NOT NULL,
  engaged_14d       INTEGER NOT NULL,
  newly_engaged_14d INTEGER NOT NULL,
  score_sum         REAL    NOT NULL
);

-- Lead suggestions and what sales made of them.
CREATE TABLE leads (
  id            INTEGER PRIMARY KEY,
  week          TEXT    NOT NULL,   -- ISO week, 2026-W12
  subject       TEXT    NOT NULL,   -- subscriber | account
  subject_key   TEXT    NOT NULL,   -- the email, or the account name
  rule_id       TEXT    NOT NULL,
  priority      INTEGER NOT NULL,
  reason        TEXT    NOT NULL,
  activity_mark INTEGER NOT NULL,   -- the subject's last human activity when suggested
  status        TEXT    NOT NULL DEFAULT 'suggested',
  suggested_at  INTEGER NOT NULL,
  status_at     INTEGER NOT NULL,
  UNIQUE (week, subject, subject_key, rule_id)
);
CREATE INDEX leads_by_subject ON leads (subject, subject_key, rule_id);
