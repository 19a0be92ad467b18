-- The MCP authorization server (issue 4): registered clients, pending consents, browser
-- sessions, remembered consents, authorization codes and refresh tokens; OAuth access tokens are
-- ordinary sessions that also name their client and token family.
--
-- Every secret value (client secret, code, refresh token, browser-session id, pending-request id,
-- CSRF token) is stored only as its SHA-256, hex. Portable types as in 0001; this file is the
-- same text as migrations/sqlite/0002_oauth.sql.

-- An access token issued to an MCP client is a session like any other; these say whose and which
-- family (one authorization and all its refreshes), so a family can be revoked as one. NULL for
-- the seed's /auth/* sessions.
ALTER TABLE sessions ADD COLUMN client_id TEXT NULL;
ALTER TABLE sessions ADD COLUMN family_id TEXT NULL;

CREATE INDEX sessions_family_id ON sessions (family_id);

-- Clients registered at POST /register (RFC 7591). Client ID Metadata Document clients (an https
-- URL as client_id) are not stored here: their document is fetched and cached in memory.
CREATE TABLE oauth_clients (
    client_id   TEXT   NOT NULL PRIMARY KEY,
    -- none | client_secret_basic | client_secret_post
    auth_method TEXT   NOT NULL CHECK (auth_method IN ('none', 'client_secret_basic', 'client_secret_post')),
    -- SHA-256 of the client secret, hex; NULL exactly for public clients.
    secret_hash TEXT   NULL,
    -- JSON: the accepted client metadata (client_name, redirect_uris, grant_types, …).
    metadata    TEXT   NOT NULL,
    created_at  BIGINT NOT NULL,
    -- Deleted by housekeeping from this time: 24 h after registration for a client never used,
    -- pushed past the lifetime of its newest refresh token at every token issue.
    expires_at  BIGINT NOT NULL,
    CHECK ((auth_method = 'none') = (secret_hash IS NULL))
);

CREATE INDEX oauth_clients_expires_at ON oauth_clients (expires_at);

-- An authorization request waiting on the consent page, by SHA-256 of the request id in the form.
CREATE TABLE oauth_pending_authorizations (
    id_hash      TEXT   NOT NULL PRIMARY KEY,
    -- SHA-256 of the browser-binding cookie of the browser that was shown the page.
    browser_hash TEXT   NOT NULL,
    -- SHA-256 of the CSRF token in the form.
    csrf_hash    TEXT   NOT NULL,
    -- JSON: the validated AuthorizationRequest.
    request      TEXT   NOT NULL,
    -- The user, when the browser was already signed in (browser session); else NULL.
    user_id      BIGINT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL
);

CREATE INDEX oauth_pending_authorizations_expires_at ON oauth_pending_authorizations (expires_at);

-- A browser that signed in with ClickUp through /authorize, by SHA-256 of its cookie value.
CREATE TABLE oauth_browser_sessions (
    id_hash    TEXT   NOT NULL PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);

CREATE INDEX oauth_browser_sessions_expires_at ON oauth_browser_sessions (expires_at);

-- What a user approved for a client: the scope (space-separated), remembered so that a returning
-- user is not asked again for the same or a narrower scope.
CREATE TABLE oauth_consents (
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    client_id  TEXT   NOT NULL,
    scope      TEXT   NOT NULL,
    granted_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, client_id)
);

-- Authorization codes by SHA-256: single use (used_at), 60 s, bound to client, redirect URI,
-- PKCE challenge, resource and scope. family_id names the tokens its redemption issues, so a
-- replay can revoke them. Used codes are kept until purged, so a replay is recognised.
CREATE TABLE oauth_codes (
    code_hash      TEXT   NOT NULL PRIMARY KEY,
    client_id      TEXT   NOT NULL,
    user_id        BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    redirect_uri   TEXT   NOT NULL,
    code_challenge TEXT   NOT NULL,
    resource       TEXT   NOT NULL,
    scope          TEXT   NOT NULL,
    family_id      TEXT   NOT NULL,
    created_at     BIGINT NOT NULL,
    expires_at     BIGINT NOT NULL,
    used_at        BIGINT NULL
);

CREATE INDEX oauth_codes_expires_at ON oauth_codes (expires_at);

-- Refresh tokens by SHA-256, rotated on every use: rotated_at is set when a token was exchanged,
-- parent_hash links a token to the one it replaced, session_jti to the access token issued with it.
CREATE TABLE oauth_refresh_tokens (
    token_hash  TEXT   NOT NULL PRIMARY KEY,
    family_id   TEXT   NOT NULL,
    client_id   TEXT   NOT NULL,
    user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    scope       TEXT   NOT NULL,
    resource    TEXT   NOT NULL,
    session_jti TEXT   NOT NULL,
    parent_hash TEXT   NULL,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    rotated_at  BIGINT NULL,
    revoked_at  BIGINT NULL
);

CREATE INDEX oauth_refresh_tokens_family_id ON oauth_refresh_tokens (family_id);
CREATE INDEX oauth_refresh_tokens_parent_hash ON oauth_refresh_tokens (parent_hash);
CREATE INDEX oauth_refresh_tokens_user_id ON oauth_refresh_tokens (user_id);
CREATE INDEX oauth_refresh_tokens_expires_at ON oauth_refresh_tokens (expires_at);
