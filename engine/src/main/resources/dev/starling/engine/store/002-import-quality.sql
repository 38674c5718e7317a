-- Data-quality figures of each import (see docs/formats.md, "Data quality").
ALTER TABLE imports ADD COLUMN no_send_engagements INTEGER NOT NULL DEFAULT 0;
ALTER TABLE imports ADD COLUMN clicks_before_delivery INTEGER NOT NULL DEFAULT 0;
ALTER TABLE imports ADD COLUMN events_before_signup INTEGER NOT NULL DEFAULT 0;
ALTER TABLE imports ADD COLUMN untracked_sends INTEGER NOT NULL DEFAULT 0;
