-- The right to be forgotten (docs/privacy.md): one row per erased person, keyed by the salted hash of
-- the address (hex SHA-256 of the store's random salt, meta 'forget_salt', and the address), so an import
-- of old logs skips them without the store keeping the address. When and by whom; never the address.
CREATE TABLE forgotten (
  hash   TEXT    PRIMARY KEY,
  at     INTEGER NOT NULL,   -- UTC epoch ms
  by     TEXT,               -- who asked for it, when said (--by)
  erased INTEGER NOT NULL    -- rows erased
);
