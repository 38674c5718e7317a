-- Why sales rejected a lead, from the configured list (leads.rejection-reasons), on the rejection's
-- step of the history; NULL on every other step and on rejections recorded before this column.
ALTER TABLE lead_events ADD COLUMN reason TEXT;
