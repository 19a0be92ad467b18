//! [`Sandbox`]: one emulator instance, its state and its router.

use std::fmt;

use axum::Router;
use axum::middleware::from_fn_with_state;
use axum::routing::{get, post};
use serde::Serialize;

use crate::errors::route_not_found;
use crate::model::Data;
use crate::oauth::{authorize, token};
use crate::options::SandboxOptions;
use crate::request_log::{LoggedRequest, StoredRequest};
use crate::state::SharedState;
use crate::{api, controls, faults, request_log};

/// Client id of the OAuth app every sandbox knows (any http(s) redirect URI).
pub const DEFAULT_CLIENT_ID: &str = "sandbox-client";
/// Client secret of the default OAuth app.
pub const DEFAULT_CLIENT_SECRET: &str = "sandbox-secret";

/// A seeded user, as `GET /_sandbox/users` lists them.
#[derive(Clone, Debug, Serialize)]
pub struct SeedUser {
    /// ClickUp user id.
    pub id: u64,
    /// Display name.
    pub username: String,
    /// Email address (also accepted by the `sandbox_user` cookie).
    pub email: String,
    /// The user's personal API token (`pk_<id>_<32 upper alnum>`), deterministic.
    pub personal_token: String,
    /// Ids of the workspaces (teams) the user belongs to.
    pub workspaces: Vec<String>,
}

/// The seeded users of `data`.
pub(crate) fn seed_users(data: &Data) -> Vec<SeedUser> {
    data.users
        .iter()
        .map(|u| SeedUser {
            id: u.id,
            username: u.username.clone(),
            email: u.email.clone(),
            personal_token: u.personal_token.clone(),
            workspaces: data.teams_of(u.id).into_iter().map(|t| t.0).collect(),
        })
        .collect()
}

/// One sandbox instance: cheap to clone, every clone shares the same state.
#[derive(Clone)]
pub struct Sandbox {
    state: SharedState,
}

impl fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sandbox").finish_non_exhaustive()
    }
}

impl Sandbox {
    /// A sandbox in its seed state.
    pub fn new(options: SandboxOptions) -> Self {
        Self {
            state: SharedState::new(options),
        }
    }

    /// The full router: the authorize page and API under `/api`, the test controls under
    /// `/_sandbox/`.
    pub fn router(&self) -> Router {
        let state = self.state.clone();
        Router::new()
            .route("/api", get(authorize::show))
            .route("/api/oauth/authorize", post(authorize::decide))
            .route("/api/v2/oauth/token", post(token::exchange))
            .merge(api::router(&state))
            .merge(controls::router())
            .fallback(route_not_found)
            .method_not_allowed_fallback(route_not_found)
            .layer(from_fn_with_state(state.clone(), faults::inject))
            .layer(from_fn_with_state(state.clone(), request_log::record))
            .with_state(state)
    }

    /// The request log (what `GET /_sandbox/requests` answers), read in-process: every `/api`
    /// request since the log was last cleared or reset, in order.
    pub fn requests(&self) -> Vec<LoggedRequest> {
        self.requests_since(0)
    }

    /// The logged requests with `seq > since`, in order.
    pub fn requests_since(&self, since: u64) -> Vec<LoggedRequest> {
        let entries = self.state.world().log.since(since);
        entries
            .into_iter()
            .map(StoredRequest::with_response)
            .collect()
    }

    /// Seeded users (for tests and for `GET /_sandbox/users`).
    pub fn users(&self) -> Vec<SeedUser> {
        seed_users(&self.state.world().data)
    }
}
