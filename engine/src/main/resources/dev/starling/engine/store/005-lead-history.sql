-- Every step of a lead's life, so SLA figures (suggestion to acceptance, acceptance to won) can be
-- computed. The suggestion is the first step (from_status NULL). Times are UTC epoch ms.
CREATE TABLE lead_events (
  id          INTEGER PRIMARY KEY,
  lead_id     INTEGER NOT NULL REFERENCES leads (id),
  from_status TEXT,                -- NULL for the suggestion itself
  to_status   TEXT    NOT NULL,    -- suggested, accepted, contacted, won, lost, rejected
  at          INTEGER NOT NULL,
  by          TEXT,                -- who recorded it, when said
  note        TEXT
);
CREATE INDEX lead_events_by_lead ON lead_events (lead_id, id);
-- Today's leads carry over: their suggestion, and the last status sales gave them (the steps in
-- between were never kept).
INSERT INTO lead_events (lead_id, from_status, to_status, at)
  SELECT id, NULL, 'suggested', suggested_at FROM leads ORDER BY id;
INSERT INTO lead_events (lead_id, from_status, to_status, at)
  SELECT id, 'suggested', status, status_at FROM leads WHERE status <> 'suggested' ORDER BY id;
