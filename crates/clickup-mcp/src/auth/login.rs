//! The ClickUp login (the seed's OAuth 2.0 client flow): start at `/auth/login`, finish at
//! `/auth/callback`. The MCP authorization server (`crate::oauth::authorize`) starts the same
//! login after its consent page; the stored state's [`LoginFlow`] tells the shared callback which
//! flow it finishes.
//!
//! The `state` is 32 random bytes (hex), stored only as its SHA-256, single use, valid 10
//! minutes, and bound to the browser that started the login by a random cookie (also stored
//! hashed). The callback writes nothing until every ClickUp call has succeeded, and then writes
//! the user, the sealed ClickUp token, the session and the audit row in one transaction.

use serde::Deserialize;
use serde_json::json;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::audit::{AuditEvent, AuditRecord, RequestOrigin};
use crate::auth::error::AuthError;
use crate::auth::{clickup_credential, sessions};
use crate::domain::{User, UserId, UserProfile, Workspace};
use crate::state::AppState;
use crate::store::{AuthorizationRequest, CompletedLogin, LoginFlow, OAuthState, StoredCredential};
use crate::vault::Field;

/// The cookie that binds a login to the browser that started it.
pub const LOGIN_COOKIE: &str = "clickup_mcp_login";
/// How long a login may take, seconds.
pub const STATE_LIFETIME_SECS: i64 = 600;
/// Longer `state` or `code` values are refused unread.
const MAX_PARAM_BYTES: usize = 512;

/// What `/auth/login` answers with.
#[derive(Debug)]
pub struct LoginStart {
    /// Where to send the browser: ClickUp's authorize page.
    pub authorize_url: String,
    /// The browser-binding cookie value to set (the one the browser had, or a new one).
    pub browser_cookie: String,
}

/// The query ClickUp redirects back with.
#[derive(Debug, Default, Deserialize)]
pub struct CallbackParams {
    /// The authorization code, on success.
    pub code: Option<String>,
    /// The state we sent.
    pub state: Option<String>,
    /// `access_denied` when the user refused.
    pub error: Option<String>,
}

/// What a callback with a valid state leads to.
#[derive(Debug)]
pub enum Finished {
    /// The seed's flow, done: a session token.
    Session(LoggedIn),
    /// The account page's sign-in, which `crate::http::account::finish_login` finishes with this
    /// callback.
    Account,
    /// An MCP client's authorization, which the MCP authorization server finishes
    /// (`crate::oauth::authorize::finish_login`) with this callback and the stored request.
    Authorize(AuthorizationRequest),
}

/// What a ClickUp login learned, ready to store: nothing is written yet.
#[derive(Debug)]
pub struct ClickUpLogin {
    /// The user as ClickUp describes them now.
    pub profile: UserProfile,
    /// The sealed ClickUp credential.
    pub credential: StoredCredential,
    /// The user as stored before this login, if they existed.
    pub existing: Option<User>,
    /// How many workspaces were granted.
    pub workspaces: usize,
}

/// A completed login.
#[derive(Debug)]
pub struct LoggedIn {
    /// The session token.
    pub token: String,
    /// Its lifetime, seconds.
    pub expires_in: i64,
    /// The user as stored.
    pub user: User,
}

/// Start a login: store a new state bound to this browser and build ClickUp's authorize URL.
pub async fn start(
    state: &AppState,
    browser_cookie: Option<&str>,
) -> Result<LoginStart, AuthError> {
    start_flow(state, browser_cookie, LoginFlow::Session).await
}

/// Start a login for `flow` (the seed's, or an MCP client's authorization).
pub async fn start_flow(
    state: &AppState,
    browser_cookie: Option<&str>,
    flow: LoginFlow,
) -> Result<LoginStart, AuthError> {
    let browser_cookie = browser_cookie
        .filter(|c| c.len() == 64 && c.bytes().all(|b| b.is_ascii_hexdigit()))
        .map_or_else(crate::random::token_hex, str::to_owned);
    let state_value = crate::random::token_hex();
    let now = state.clock.now();
    state
        .store
        .save_oauth_state(&OAuthState {
            state_hash: sha256_hex(&state_value),
            browser_hash: sha256_hex(&browser_cookie),
            flow,
            created_at: now,
            expires_at: now + STATE_LIFETIME_SECS,
        })
        .await?;
    let mut url = state.clickup_app.authorize_url.clone();
    url.query_pairs_mut()
        .append_pair("client_id", &state.clickup_app.client_id)
        .append_pair("redirect_uri", &state.callback_url())
        .append_pair("state", &state_value);
    Ok(LoginStart {
        authorize_url: url.into(),
        browser_cookie,
    })
}

/// Finish a login: check the state, then finish the seed's flow, or hand an MCP client's
/// authorization back to the caller. Every failure is audited as `auth_failure` with its reason.
pub async fn finish(
    state: &AppState,
    params: &CallbackParams,
    browser_cookie: Option<&str>,
    origin: &RequestOrigin,
) -> Result<Finished, AuthError> {
    match finish_inner(state, params, browser_cookie, origin).await {
        Ok(done) => Ok(done),
        Err(err) => {
            let record = AuditRecord::new(AuditEvent::AuthFailure, state.clock.now())
                .origin(origin)
                .details(json!({ "reason": failure_reason(&err) }));
            state.auditor.record(state.store.as_ref(), record).await;
            Err(err)
        }
    }
}

async fn finish_inner(
    state: &AppState,
    params: &CallbackParams,
    browser_cookie: Option<&str>,
    origin: &RequestOrigin,
) -> Result<Finished, AuthError> {
    let now = state.clock.now();
    let state_value = params
        .state
        .as_deref()
        .filter(|s| !s.is_empty())
        .ok_or(AuthError::InvalidState("missing"))?;
    if state_value.len() > MAX_PARAM_BYTES {
        return Err(AuthError::InvalidState("unknown"));
    }
    let pending = state
        .store
        .take_oauth_state(&sha256_hex(state_value))
        .await?
        .ok_or(AuthError::InvalidState("unknown_or_used"))?;
    if pending.expires_at <= now {
        return Err(AuthError::InvalidState("expired"));
    }
    let same_browser = browser_cookie
        .map(|c| {
            bool::from(
                sha256_hex(c)
                    .as_bytes()
                    .ct_eq(pending.browser_hash.as_bytes()),
            )
        })
        .unwrap_or(false);
    if !same_browser {
        return Err(AuthError::InvalidState("browser_mismatch"));
    }
    match pending.flow {
        LoginFlow::Session => finish_session(state, params, origin)
            .await
            .map(Finished::Session),
        LoginFlow::Account => Ok(Finished::Account),
        LoginFlow::Authorize { request } => Ok(Finished::Authorize(request)),
    }
}

/// Exchange the callback's code at ClickUp and read who the user is: the profile and the sealed
/// credential to store, nothing written yet. A refusal at ClickUp is `access_denied`.
pub async fn clickup_login(
    state: &AppState,
    params: &CallbackParams,
) -> Result<ClickUpLogin, AuthError> {
    let now = state.clock.now();
    if let Some(error) = params.error.as_deref() {
        return Err(if error == "access_denied" {
            AuthError::AccessDenied
        } else {
            AuthError::InvalidRequest(
                "ClickUp returned an error instead of a code. Start the login again.",
            )
        });
    }
    let code = params
        .code
        .as_deref()
        .filter(|c| !c.is_empty() && c.len() <= MAX_PARAM_BYTES)
        .ok_or(AuthError::InvalidRequest(
            "The callback has no valid code parameter.",
        ))?;

    let grant = state
        .clickup
        .exchange_code(
            &state.clickup_app.client_id,
            &state.clickup_app.client_secret,
            code,
        )
        .await
        .map_err(|e| upstream(e, "exchanging the authorization code"))?;
    let clickup_user = state
        .clickup
        .get_user(&grant.access_token)
        .await
        .map_err(|e| upstream(e, "reading your ClickUp profile"))?;
    let teams = state
        .clickup
        .get_teams(&grant.access_token)
        .await
        .map_err(|e| upstream(e, "reading your ClickUp workspaces"))?;

    let user_id = UserId(clickup_user.id);
    let default_workspace = teams.first().map(|t| Workspace {
        id: t.id.clone(),
        name: t.name.clone(),
    });
    let profile = UserProfile {
        id: user_id,
        email: clickup_user.email.clone(),
        username: clickup_user
            .username
            .clone()
            .unwrap_or_else(|| clickup_user.email.clone()),
        default_workspace,
    };
    let seal = |field, secret| {
        state
            .vault
            .seal(user_id, field, secret)
            .map_err(AuthError::internal)
    };
    let credential = StoredCredential {
        user_id,
        access_token: seal(Field::AccessToken, &grant.access_token)?,
        refresh_token: grant
            .refresh_token
            .as_ref()
            .map(|t| seal(Field::RefreshToken, t))
            .transpose()?,
        expires_at: grant
            .expires_in
            .map(|secs| now.saturating_add(i64::try_from(secs).unwrap_or(i64::MAX))),
        revoked: false,
        updated_at: now,
    };
    Ok(ClickUpLogin {
        profile,
        credential,
        existing: state.store.get_user(user_id).await?,
        workspaces: teams.len(),
    })
}

/// The seed's flow: store the login and issue a session token.
async fn finish_session(
    state: &AppState,
    params: &CallbackParams,
    origin: &RequestOrigin,
) -> Result<LoggedIn, AuthError> {
    let now = state.clock.now();
    let ClickUpLogin {
        profile,
        credential,
        existing,
        workspaces,
    } = clickup_login(state, params).await?;
    let user_id = profile.id;
    let default_workspace = profile.default_workspace.clone();
    // The tier in the token is informational; sign with the stored one when the user exists.
    let provisional = User {
        id: user_id,
        email: profile.email.clone(),
        username: profile.username.clone(),
        tier: existing
            .as_ref()
            .map_or(crate::domain::Tier::Free, |u| u.tier),
        default_workspace: default_workspace.clone(),
        created_at: now,
        updated_at: now,
    };
    let issued = sessions::issue(state, &provisional, now)?;
    let audit = AuditRecord::new(AuditEvent::AuthSuccess, now)
        .user(user_id)
        .origin(origin)
        .details(json!({
            "team_id": default_workspace.as_ref().map(|w| w.id.clone()),
            "workspaces": workspaces,
            "new_user": existing.is_none(),
        }));
    let user = state
        .store
        .complete_login(&CompletedLogin {
            profile,
            credential,
            session: issued.session,
            audit: state.auditor.gate(audit),
        })
        .await?;
    state.credential_cache.forget(user.id);
    Ok(LoggedIn {
        token: issued.token,
        expires_in: state.session_lifetime_secs,
        user,
    })
}

fn upstream(err: clickup::ClickUpError, action: &'static str) -> AuthError {
    tracing::warn!(error = %err, action, "ClickUp call failed during login");
    clickup_credential::upstream(err, action)
}

/// The `reason` of an `auth_failure` row.
pub(crate) fn failure_reason(err: &AuthError) -> String {
    match err {
        AuthError::InvalidState(reason) => format!("invalid_state:{reason}"),
        other => other.code().to_owned(),
    }
}

/// SHA-256, hex: how states and browser cookies are stored.
pub fn sha256_hex(value: &str) -> String {
    hex::encode(Sha256::digest(value.as_bytes()))
}
