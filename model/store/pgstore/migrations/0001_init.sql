-- Option Space on PostgreSQL, schema version 1.
-- Plain SQL (tables, jsonb, bigserial, LISTEN/NOTIFY): CockroachDB and
-- YugabyteDB run it too, except LISTEN/NOTIFY (see the package doc).
CREATE TABLE IF NOT EXISTS portfolios (
    name       text PRIMARY KEY,
    meta       jsonb NOT NULL,
    version    bigint NOT NULL DEFAULT 1,
    updated_by text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS initiatives (
    portfolio  text NOT NULL REFERENCES portfolios (name) ON UPDATE CASCADE ON DELETE CASCADE,
    id         text NOT NULL,
    pos        integer NOT NULL,
    doc        jsonb NOT NULL,
    version    bigint NOT NULL DEFAULT 1,
    updated_by text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (portfolio, id)
);

CREATE TABLE IF NOT EXISTS actions (
    seq       bigserial PRIMARY KEY,
    portfolio text NOT NULL,
    label     text NOT NULL,
    actor     text NOT NULL,
    at        timestamptz NOT NULL DEFAULT now(),
    changes   jsonb NOT NULL,
    undone    boolean NOT NULL DEFAULT false
);

CREATE INDEX IF NOT EXISTS actions_by_actor ON actions (portfolio, actor, seq);
