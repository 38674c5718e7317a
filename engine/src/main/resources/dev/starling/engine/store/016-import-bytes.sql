-- The size of each imported file, so that an import can tell at once that a file of a new size cannot
-- be one imported before and hash it while it is read, not before (a first load spent 0.6 s hashing
-- 976 MB before reading a row). NULL: a file imported before this column existed (its size is unknown,
-- so a file of any size may be it); 0: not a file of the store's data (digest replies, outcomes).
ALTER TABLE imports ADD COLUMN bytes INTEGER;
