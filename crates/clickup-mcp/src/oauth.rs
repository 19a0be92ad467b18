//! The MCP authorization server (OAuth 2.1 with PKCE, for MCP clients), with ClickUp as the
//! identity behind it (docs/architecture.md, "OAuth authorization server", issue 4).
//!
//! An MCP client that knows only `PUBLIC_URL/mcp` gets a 401 pointing at the protected-resource
//! metadata, finds this server there, registers (or presents a Client ID Metadata Document URL),
//! sends the user to `/authorize`, where our consent page asks them what the client may do, then
//! ClickUp identifies them (skipped for a browser that signed in before), and the client gets a
//! code it exchanges at `/token` for an access token (one of our session JWTs, with `client_id`
//! and `scope`) and a rotating refresh token.
//!
//! - [`metadata`]: the discovery documents (RFC 9728, RFC 8414).
//! - [`registration`]: `POST /register` (RFC 7591), rate limited per IP by [`registration_limit`].
//! - [`redirect_uris`]: which redirect URIs are accepted, and how one matches at use.
//! - [`metadata_document`]: clients identified by an https URL (Client ID Metadata Documents),
//!   fetched with the guard against server-side request forgery of [`crate::fetch`].
//! - [`client_redirect`]: answers to the client at its redirect URI.
//! - [`clients`]: finding a client, and authenticating one at `/token` and `/revoke`.
//! - [`authorize`] and [`consent_page`]: `GET /authorize`, the consent page and its answer, and
//!   the end of the ClickUp login started from it.
//! - [`token`]: `POST /token` (authorization code with PKCE; refresh with rotation).
//! - [`revoke`]: `POST /revoke` (RFC 7009).
//! - [`scopes`], [`pkce`]: the scope model and the PKCE check.
//! - [`error`]: the RFC 6749 error bodies; [`form`]: form-encoded bodies.

pub mod authorize;
pub mod client_redirect;
pub mod clients;
pub mod consent_page;
pub mod error;
pub mod form;
pub mod metadata;
pub mod metadata_document;
pub mod pkce;
pub mod redirect_uris;
pub mod registration;
pub mod registration_limit;
pub mod revoke;
pub mod scopes;
pub mod token;

use crate::config::OAuthConfig;
use crate::state::AppState;

/// A refresh token presented again within this many seconds of its rotation, whose successor
/// was never used, is taken for the client retrying a refresh whose answer it lost: it is
/// rotated once more (superseding the lost pair) instead of revoking the family.
pub const REFRESH_GRACE_SECS: i64 = 30;
/// Lifetime of an authorization code.
pub const CODE_LIFETIME_SECS: i64 = 60;
/// How long the consent page may stay open.
pub const CONSENT_LIFETIME_SECS: i64 = 600;
/// How long a browser that signed in through `/authorize` is recognised.
pub const BROWSER_SESSION_LIFETIME_SECS: i64 = 30 * 86_400;
/// How long a registered client that never completed an authorization is kept.
pub const UNUSED_CLIENT_LIFETIME_SECS: i64 = 86_400;

/// The cookie that recognises a browser that signed in through `/authorize` (value: 32 random
/// bytes, hex; stored hashed).
pub const BROWSER_COOKIE: &str = "clickup_mcp_browser";
/// The cookie that binds a consent page to the browser it was shown to.
pub const CONSENT_COOKIE: &str = "clickup_mcp_consent";
/// The consent cookie is sent only to `/authorize` and below.
pub const COOKIE_PATH: &str = "/authorize";
/// The browser-session cookie is also read by the account page (`/account`).
pub const BROWSER_COOKIE_PATH: &str = "/";

/// The authorization server's runtime parts, in the application state.
#[derive(Debug)]
pub struct OAuthServer {
    /// Access token lifetime, seconds.
    pub access_token_ttl_secs: i64,
    /// Refresh token lifetime, seconds.
    pub refresh_token_ttl_secs: i64,
    /// Registrations per IP address per hour.
    pub registrations: registration_limit::RegistrationLimiter,
    /// Fetched Client ID Metadata Documents.
    pub documents: metadata_document::MetadataDocuments,
}

impl OAuthServer {
    /// From the validated configuration.
    pub fn new(config: &OAuthConfig) -> Self {
        let secs = |d: std::time::Duration| i64::try_from(d.as_secs()).unwrap_or(i64::MAX);
        Self {
            access_token_ttl_secs: secs(config.access_token_ttl),
            refresh_token_ttl_secs: secs(config.refresh_token_ttl),
            registrations: registration_limit::RegistrationLimiter::new(
                config.registrations_per_hour,
            ),
            documents: metadata_document::MetadataDocuments::new(
                config.allow_private_metadata_fetch,
            ),
        }
    }
}

/// The protected resource: `PUBLIC_URL/mcp` (the `aud` of every token).
pub fn resource_url(state: &AppState) -> String {
    format!("{}/mcp", state.public_url())
}

/// The issuer: `PUBLIC_URL` exactly (the `iss` of every redirect to a client).
pub fn issuer(state: &AppState) -> &str {
    state.public_url()
}

/// SHA-256, hex: how every secret of this module is stored.
pub fn hash(value: &str) -> String {
    crate::auth::login::sha256_hex(value)
}

/// Whether `value` hashes to `expected` (constant time in the hash).
pub fn hash_matches(value: &str, expected: &str) -> bool {
    use subtle::ConstantTimeEq;
    bool::from(hash(value).as_bytes().ct_eq(expected.as_bytes()))
}

/// A fresh secret value: 32 random bytes, base64url without padding (43 characters).
pub fn new_secret() -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(crate::random::bytes::<32>())
}
