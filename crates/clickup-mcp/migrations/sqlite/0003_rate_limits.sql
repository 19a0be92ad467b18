-- Sliding-window rate limits kept in the database (issue 10); the same table as
-- migrations/postgres/0003_rate_limits.sql with the hit times as a JSON array of epoch
-- milliseconds. A SQLite database serves one process, which limits in memory (src/limits.rs);
-- the table exists so the store's verbs behave the same on both backends.
CREATE TABLE rate_limits (
    scope    TEXT    NOT NULL,
    key      TEXT    NOT NULL,
    hits     TEXT    NOT NULL,
    allowed  BOOLEAN NOT NULL,
    refusals BIGINT  NOT NULL,
    last_hit BIGINT  NOT NULL,
    PRIMARY KEY (scope, key)
);

CREATE INDEX rate_limits_last_hit ON rate_limits (last_hit);
