-- Option Space on PostgreSQL, schema version 3: computed caches (the
-- valuation's solved exercise boundaries, keyed by their exact inputs and
-- a fingerprint of the build that solved them, as bytes: the key is
-- binary, not text), so that a reopened
-- portfolio values without solving them again. Not portfolio data: no
-- action, history, undo or export reads or writes it, and a lost or stale
-- entry only costs recomputing.
CREATE TABLE IF NOT EXISTS caches (
    name  text NOT NULL,
    key   bytea NOT NULL,
    value bytea NOT NULL,
    PRIMARY KEY (name, key)
);
