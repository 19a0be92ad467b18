-- Sliding-window rate limits shared by every replica (issue 10): per user (MCP requests per
-- minute) and per address (client registrations per hour). One row per limited key holds the
-- times (epoch milliseconds) of the hits accepted in its window; one INSERT … ON CONFLICT DO
-- UPDATE per hit takes the row's lock, drops the times that left the window and appends the new
-- one only when fewer than the limit remain, so concurrent hits on any replica are counted
-- exactly. SQLite keeps the same table with the times as a JSON array (0003 there).
CREATE TABLE rate_limits (
    scope    TEXT     NOT NULL,
    key      TEXT     NOT NULL,
    -- Accepted hits still in the window, epoch ms.
    hits     BIGINT[] NOT NULL,
    -- Whether the last hit was accepted, and refused hits since the last accepted one.
    allowed  BOOLEAN  NOT NULL,
    refusals BIGINT   NOT NULL,
    -- The last hit, epoch ms (housekeeping deletes idle rows).
    last_hit BIGINT   NOT NULL,
    PRIMARY KEY (scope, key)
);

CREATE INDEX rate_limits_last_hit ON rate_limits (last_hit);
