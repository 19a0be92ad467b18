-- The first schema of clickup-mcp (PostgreSQL): the tables of migrations/sqlite/0001_init.sql,
-- column for column. Only two spellings differ: BYTEA for the sealed bytes (BLOB there) and the
-- audit_log key (an identity column; INTEGER PRIMARY KEY AUTOINCREMENT there).

-- A user of this server, keyed by their ClickUp user id.
CREATE TABLE users (
    id                     BIGINT  NOT NULL PRIMARY KEY,
    email                  TEXT    NOT NULL,
    username               TEXT    NOT NULL,
    tier                   TEXT    NOT NULL DEFAULT 'free' CHECK (tier IN ('free', 'premium')),
    -- Both set or both NULL.
    default_workspace_id   TEXT    NULL,
    default_workspace_name TEXT    NULL,
    created_at             BIGINT  NOT NULL,
    updated_at             BIGINT  NOT NULL,
    CHECK ((default_workspace_id IS NULL) = (default_workspace_name IS NULL))
);

-- A user's ClickUp OAuth grant. Every secret is sealed by the vault:
-- *_blob = [12-byte nonce][ciphertext][16-byte tag], *_key_id = the keyring key that sealed it.
CREATE TABLE clickup_credentials (
    user_id        BIGINT  NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    access_key_id  TEXT    NOT NULL,
    access_blob    BYTEA   NOT NULL,
    refresh_key_id TEXT    NULL,
    refresh_blob   BYTEA   NULL,
    expires_at     BIGINT  NULL,
    revoked        BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at     BIGINT  NOT NULL,
    CHECK ((refresh_key_id IS NULL) = (refresh_blob IS NULL))
);

-- Issued session tokens (JWTs) by jti.
CREATE TABLE sessions (
    jti        TEXT   NOT NULL PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    issued_at  BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT NULL
);

CREATE INDEX sessions_user_id ON sessions (user_id);
CREATE INDEX sessions_expires_at ON sessions (expires_at);

-- Pending ClickUp logins, by SHA-256 of the state (the state itself is never stored).
CREATE TABLE oauth_states (
    state_hash   TEXT   NOT NULL PRIMARY KEY,
    browser_hash TEXT   NOT NULL,
    -- JSON: the LoginFlow, e.g. {"kind":"session"}.
    flow         TEXT   NOT NULL,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL
);

CREATE INDEX oauth_states_expires_at ON oauth_states (expires_at);

-- One key check value per keyring key id, stored at the first start that saw the key.
CREATE TABLE key_checks (
    key_id      TEXT NOT NULL PRIMARY KEY,
    check_value TEXT NOT NULL
);

-- The audit log. user_id has no foreign key: rows outlive the users they mention.
CREATE TABLE audit_log (
    id         BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    timestamp  BIGINT  NOT NULL,
    event_type TEXT    NOT NULL,
    user_id    BIGINT  NULL,
    ip_address TEXT    NULL,
    user_agent TEXT    NULL,
    -- JSON object.
    details    TEXT    NOT NULL
);

CREATE INDEX audit_log_user_id_id ON audit_log (user_id, id);
CREATE INDEX audit_log_timestamp ON audit_log (timestamp);
