-- Countries as ISO 3166-1 alpha-2 codes beside the text the file gave ("España", "Spain" and "ES" are one
-- country). The import fills it; the rows already stored are backfilled in Java after this file runs
-- (Store.migrate: the table of names comes from the JDK's locales, which SQL cannot see).
ALTER TABLE subscribers ADD COLUMN country_code TEXT;
