-- Option Space on PostgreSQL, schema version 4: a state token on each
-- portfolio row, set to a new random value by every transaction that
-- writes the portfolio's rows (its settings or initiatives; see write in
-- pgstore.go), so that a store whose cached state holds the row's token
-- knows in one round trip of one row that nothing was written since,
-- instead of reading every initiative's version. 0 until the first
-- write after the migration.
ALTER TABLE portfolios ADD COLUMN IF NOT EXISTS state bigint NOT NULL DEFAULT 0;
