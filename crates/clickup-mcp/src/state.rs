//! The application state shared by every request: one `Clone` handle around an `Arc`.

use std::sync::Arc;

use url::Url;

use crate::auditor::Auditor;
use crate::auth::jwt::JwtKeys;
use crate::clock::Clock;
use crate::config::{ClickUpConfig, LimitsConfig};
use crate::limits::RateLimiter;
use crate::store::Store;
use crate::vault::Vault;

/// Shared state; cheap to clone.
#[derive(Clone, Debug)]
pub struct AppState(Arc<Inner>);

/// The fields of [`AppState`].
#[derive(Debug)]
pub struct Inner {
    /// `PUBLIC_URL` (no trailing slash when formatted with [`AppState::public_url`]).
    pub public_url: Url,
    /// Users, sessions, credentials, audit.
    pub store: Arc<dyn Store>,
    /// Seals and opens stored ClickUp tokens.
    pub vault: Vault,
    /// Signs and verifies session tokens.
    pub jwt: JwtKeys,
    /// The ClickUp API client.
    pub clickup: clickup::ClickUp,
    /// Our OAuth app at ClickUp and its URLs.
    pub clickup_app: ClickUpConfig,
    /// Session lifetime, seconds.
    pub session_lifetime_secs: i64,
    /// Per-tier limits and whether they are enforced.
    pub limits: LimitsConfig,
    /// The per-user request limiter.
    pub limiter: RateLimiter,
    /// Writes audit rows (or not, when disabled) and tallies rejected tokens.
    pub auditor: Auditor,
    /// Where "now" comes from.
    pub clock: Clock,
    /// What `GET /metrics` exposes (also the ClickUp client's request observer), and its
    /// `METRICS_TOKEN`.
    pub metrics: Arc<crate::metrics::Metrics>,
    /// `DEFAULT_TIMEZONE`: the zone tools use when a call names none.
    pub default_zone: jiff::tz::TimeZone,
    /// `ENABLED_TOOLSETS`: what any `/mcp` URL may serve.
    pub enabled_toolsets: clickup_tools::toolsets::Surface,
    /// Opened ClickUp tokens of recent callers.
    pub credential_cache: crate::auth::credential_cache::CredentialCache,
    /// The MCP authorization server: token lifetimes, the registration limiter, fetched client
    /// metadata documents.
    pub oauth: crate::oauth::OAuthServer,
    /// Signs pagination cursors with a key derived from `JWT_SECRET` for this use only (its
    /// `Debug` shows no key).
    pub cursors: std::sync::Arc<clickup_tools::cursor::CursorCodec>,
}

impl AppState {
    /// Wrap the fields.
    pub fn new(inner: Inner) -> Self {
        Self(Arc::new(inner))
    }

    /// `PUBLIC_URL` without a trailing slash, e.g. `http://localhost:8787`.
    pub fn public_url(&self) -> &str {
        self.0.public_url.as_str().trim_end_matches('/')
    }

    /// Whether `PUBLIC_URL` is https (cookies get `Secure`).
    pub fn is_https(&self) -> bool {
        self.0.public_url.scheme() == "https"
    }

    /// The URL ClickUp redirects back to.
    pub fn callback_url(&self) -> String {
        format!("{}/auth/callback", self.public_url())
    }
}

impl std::ops::Deref for AppState {
    type Target = Inner;

    fn deref(&self) -> &Inner {
        &self.0
    }
}
