//! The account page: `GET /account`, its forms `POST /account/revoke` and
//! `POST /account/sign-out-everywhere`, and its sign-in `GET /account/sign-in` (a ClickUp login
//! whose callback, [`finish_login`], remembers the browser and comes back to `/account` — a
//! fixed address, so nothing can redirect elsewhere through it).
//!
//! A browser is signed in by the same HttpOnly browser-session cookie the consent page uses
//! (`crate::oauth::BROWSER_COOKIE`, `SameSite=Lax`). Every form carries a CSRF token derived
//! from that cookie's secret value (SHA-256 of a label and the value), compared in constant
//! time: a page on another site can neither read the cookie nor compute the token.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use serde_json::json;

use crate::audit::{AuditEvent, AuditRecord, RequestOrigin};
use crate::auth::error::AuthError;
use crate::auth::login::{self, CallbackParams, LOGIN_COOKIE, STATE_LIFETIME_SECS};
use crate::domain::{Tier, User};
use crate::http::{account_page, pages};
use crate::oauth::authorize::{browser_cookie, is_cookie_value};
use crate::oauth::form::Form;
use crate::oauth::{BROWSER_COOKIE, BROWSER_COOKIE_PATH, BROWSER_SESSION_LIFETIME_SECS, hash};
use crate::state::AppState;
use crate::store::{BrowserLogin, BrowserSession, LoginFlow};
use crate::web::error::ApiError;
use crate::web::request_origin::Origin;
use crate::web::responses::{found, is_public_host, no_store};

/// The longest client id accepted in a revoke form (a metadata-document URL at most).
const MAX_CLIENT_ID_BYTES: usize = 2048;

/// `GET /account`.
pub async fn page(State(state): State<AppState>, jar: CookieJar) -> Response {
    match page_inner(&state, &jar).await {
        Ok(response) => response,
        Err(err) => unavailable(&err),
    }
}

async fn page_inner(state: &AppState, jar: &CookieJar) -> Result<Response, ApiError> {
    let Some((user, cookie)) = signed_in(state, jar).await? else {
        return Ok(account_page::signed_out());
    };
    let limit = match user.tier {
        Tier::Free => state.limits.free_per_minute,
        Tier::Premium => state.limits.premium_per_minute,
    };
    let window = state
        .limiter
        .peek(user.id, limit, state.clock.now_ms())
        .await?;
    let grants = state.store.list_client_grants(user.id).await?;
    Ok(account_page::account(&account_page::AccountView {
        user: &user,
        window,
        grants: &grants,
        csrf_token: &csrf_token(&cookie),
    }))
}

/// `GET /account/sign-in`: a ClickUp login that comes back to `/account`.
pub async fn sign_in(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
) -> Response {
    if !is_public_host(&state, &headers) {
        // The cookies must be set on PUBLIC_URL's host.
        return no_store(found(&format!("{}/account/sign-in", state.public_url())));
    }
    let started = match login::start_flow(
        &state,
        jar.get(LOGIN_COOKIE).map(Cookie::value),
        LoginFlow::Account,
    )
    .await
    {
        Ok(started) => started,
        Err(err) => return unavailable(&ApiError::from(err)),
    };
    let cookie = Cookie::build((LOGIN_COOKIE, started.browser_cookie))
        .http_only(true)
        .secure(state.is_https())
        .same_site(SameSite::Lax)
        .path("/auth")
        .max_age(time::Duration::seconds(STATE_LIFETIME_SECS));
    no_store((jar.add(cookie), found(&started.authorize_url)).into_response())
}

/// The callback of the account page's sign-in: store the user, their ClickUp credential and a
/// browser session, then back to `/account` with the browser-session cookie; on failure, the
/// sign-in error page (audited as `auth_failure`).
pub async fn finish_login(
    state: &AppState,
    params: &CallbackParams,
    origin: &RequestOrigin,
) -> Response {
    match finish_login_inner(state, params, origin).await {
        Ok(response) => response,
        Err(err) => {
            let record = AuditRecord::new(AuditEvent::AuthFailure, state.clock.now())
                .origin(origin)
                .details(json!({ "reason": login::failure_reason(&err), "flow": "account" }));
            state.auditor.record(state.store.as_ref(), record).await;
            pages::error_page(&ApiError::from(err))
        }
    }
}

async fn finish_login_inner(
    state: &AppState,
    params: &CallbackParams,
    origin: &RequestOrigin,
) -> Result<Response, AuthError> {
    let clickup = login::clickup_login(state, params).await?;
    let now = state.clock.now();
    let user_id = clickup.profile.id;
    let cookie = crate::random::token_hex();
    let audit = AuditRecord::new(AuditEvent::AuthSuccess, now)
        .user(user_id)
        .origin(origin)
        .details(json!({
            "team_id": clickup.profile.default_workspace.as_ref().map(|w| w.id.clone()),
            "workspaces": clickup.workspaces,
            "new_user": clickup.existing.is_none(),
            "flow": "account",
        }));
    state
        .store
        .complete_browser_login(&BrowserLogin {
            profile: clickup.profile,
            credential: clickup.credential,
            browser_session: BrowserSession {
                id_hash: hash(&cookie),
                user_id,
                created_at: now,
                expires_at: now + BROWSER_SESSION_LIFETIME_SECS,
            },
            audit: state.auditor.gate(audit),
        })
        .await?;
    // A new ClickUp token replaced the old one: drop any opened copy.
    state.credential_cache.forget(user_id);
    let jar = CookieJar::new().add(browser_cookie(state, cookie));
    Ok(no_store((jar, found("/account")).into_response()))
}

/// `POST /account/revoke` (`csrf_token`, `client_id`): withdraw the grant to one client.
pub async fn revoke(
    State(state): State<AppState>,
    Origin(origin): Origin,
    jar: CookieJar,
    body: Bytes,
) -> Response {
    match revoke_inner(&state, &origin, &jar, &body).await {
        Ok(response) => response,
        Err(err) => unavailable(&err),
    }
}

async fn revoke_inner(
    state: &AppState,
    origin: &RequestOrigin,
    jar: &CookieJar,
    body: &[u8],
) -> Result<Response, ApiError> {
    let form = match checked_form(state, jar, body).await? {
        Ok(form) => form,
        Err(refused) => return Ok(refused),
    };
    let Some(client_id) = form
        .1
        .get("client_id")
        .filter(|c| !c.is_empty() && c.len() <= MAX_CLIENT_ID_BYTES)
    else {
        return Ok(account_page::error(
            StatusCode::BAD_REQUEST,
            "The form names no app to revoke.",
        ));
    };
    let user = form.0;
    let now = state.clock.now();
    let audit = AuditRecord::new(AuditEvent::TokenRevoked, now)
        .user(user.id)
        .origin(origin)
        .details(json!({ "client_id": client_id, "via": "account" }));
    state
        .store
        .revoke_client_grant(user.id, client_id, now, state.auditor.gate(audit).as_ref())
        .await?;
    // Post/redirect/get: the page shows what is left (revoking twice changes nothing).
    Ok(no_store(Redirect::to("/account").into_response()))
}

/// `POST /account/sign-out-everywhere` (`csrf_token`): revoke every session, MCP client grant
/// and refresh token of the user, delete their ClickUp credential and browser sessions.
pub async fn sign_out_everywhere(
    State(state): State<AppState>,
    Origin(origin): Origin,
    jar: CookieJar,
    body: Bytes,
) -> Response {
    match sign_out_inner(&state, &origin, jar, &body).await {
        Ok(response) => response,
        Err(err) => unavailable(&err),
    }
}

async fn sign_out_inner(
    state: &AppState,
    origin: &RequestOrigin,
    jar: CookieJar,
    body: &[u8],
) -> Result<Response, ApiError> {
    let (user, _) = match checked_form(state, &jar, body).await? {
        Ok(form) => form,
        Err(refused) => return Ok(refused),
    };
    let now = state.clock.now();
    let audit = AuditRecord::new(AuditEvent::Logout, now)
        .user(user.id)
        .origin(origin)
        .details(json!({ "all": true, "via": "account" }));
    let sessions = state
        .store
        .revoke_all_sessions(user.id, now, state.auditor.gate(audit).as_ref())
        .await?;
    state.credential_cache.forget(user.id);
    let jar = jar.remove(
        Cookie::build(BROWSER_COOKIE)
            .path(BROWSER_COOKIE_PATH)
            .secure(state.is_https()),
    );
    Ok((jar, account_page::signed_out_everywhere(sessions)).into_response())
}

/// The signed-in user and the form, when the browser is signed in and the form carries this
/// browser's CSRF token; else the page that refuses it.
async fn checked_form(
    state: &AppState,
    jar: &CookieJar,
    body: &[u8],
) -> Result<Result<(User, Form), Response>, ApiError> {
    let Some((user, cookie)) = signed_in(state, jar).await? else {
        return Ok(Err(account_page::error(
            StatusCode::FORBIDDEN,
            "This browser is not signed in (any more). Sign in on your account page and try again.",
        )));
    };
    let Ok(form) = Form::parse(body) else {
        return Ok(Err(account_page::error(
            StatusCode::BAD_REQUEST,
            "The form could not be read.",
        )));
    };
    let expected = csrf_token(&cookie);
    let matches = form.get("csrf_token").is_some_and(|given| {
        use subtle::ConstantTimeEq;
        bool::from(given.as_bytes().ct_eq(expected.as_bytes()))
    });
    if !matches {
        return Ok(Err(account_page::error(
            StatusCode::FORBIDDEN,
            "This form did not come from your account page in this browser, so it was ignored.",
        )));
    }
    Ok(Ok((user, form)))
}

/// The user of this browser's live browser session, and the cookie value that names it.
async fn signed_in(state: &AppState, jar: &CookieJar) -> Result<Option<(User, String)>, ApiError> {
    let Some(cookie) = jar
        .get(BROWSER_COOKIE)
        .map(Cookie::value)
        .filter(|v| is_cookie_value(v))
    else {
        return Ok(None);
    };
    let Some(session) = state
        .store
        .get_browser_session(&hash(cookie), state.clock.now())
        .await?
    else {
        return Ok(None);
    };
    let user = state.store.get_user(session.user_id).await?;
    Ok(user.map(|user| (user, cookie.to_owned())))
}

/// The account forms' CSRF token for the browser-session cookie `cookie`.
fn csrf_token(cookie: &str) -> String {
    hash(&format!("clickup-mcp account form\n{cookie}"))
}

fn unavailable(err: &ApiError) -> Response {
    if let ApiError::Internal(cause) = err {
        tracing::error!(error.cause = ?cause, "account page failed");
    }
    account_page::error(
        err.status(),
        "Something went wrong on our side. Nothing was changed; try again in a moment.",
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_csrf_token_depends_on_the_cookie_and_is_not_its_hash() {
        let a = super::csrf_token(&"a".repeat(64));
        assert_ne!(a, super::csrf_token(&"b".repeat(64)));
        assert_ne!(a, crate::oauth::hash(&"a".repeat(64)));
    }
}
