//! The seed's `/auth/*` endpoints. Each handler reads like a recipe: authenticate → act →
//! audit → respond; the work is in `crate::auth`.

use axum::Json;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use serde::Deserialize;
use serde_json::json;

use crate::audit::{AuditEvent, AuditRecord};
use crate::auth::clickup_credential;
use crate::auth::error::AuthError;
use crate::auth::login::{self, CallbackParams, Finished, LOGIN_COOKIE, STATE_LIFETIME_SECS};
use crate::auth::sessions;
use crate::domain::Tier;
use crate::http::pages;
use crate::state::AppState;
use crate::store::Rotation;
use crate::web::error::ApiError;
use crate::web::request_origin::Origin;
use crate::web::responses::{found, is_public_host, no_store};

/// `GET /auth/login`: 302 to ClickUp's authorize page with a new state bound to this browser.
/// A login started on another host is first sent to `PUBLIC_URL`, so the cookie survives.
pub async fn login(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
) -> Result<Response, ApiError> {
    if !is_public_host(&state, &headers) {
        return Ok(no_store(found(&format!(
            "{}/auth/login",
            state.public_url()
        ))));
    }
    let started = login::start(&state, jar.get(LOGIN_COOKIE).map(Cookie::value)).await?;
    let cookie = Cookie::build((LOGIN_COOKIE, started.browser_cookie))
        .http_only(true)
        .secure(state.is_https())
        .same_site(SameSite::Lax)
        .path("/auth")
        .max_age(time::Duration::seconds(STATE_LIFETIME_SECS));
    let response = (jar.add(cookie), found(&started.authorize_url)).into_response();
    Ok(no_store(response))
}

/// `GET /auth/callback?code&state`: finish the login; JSON, or an HTML page for a browser.
pub async fn callback(
    State(state): State<AppState>,
    Origin(origin): Origin,
    headers: HeaderMap,
    jar: CookieJar,
    RawQuery(query): RawQuery,
) -> Response {
    let html = wants_html(&headers);
    let params: Result<CallbackParams, _> =
        serde_urlencoded::from_str(query.as_deref().unwrap_or(""));
    let login_cookie = jar.get(LOGIN_COOKIE).map(Cookie::value);
    let result = match params {
        Ok(params) => match login::finish(&state, &params, login_cookie, &origin).await {
            // An MCP client's authorization: the authorization server finishes it.
            Ok(Finished::Authorize(request)) => Ok(Callback::Client(
                crate::oauth::authorize::finish_login(&state, &params, request, &origin).await,
            )),
            Ok(Finished::Session(done)) => Ok(Callback::Session(done)),
            // The account page's sign-in: back to /account, remembering the browser.
            Ok(Finished::Account) => Ok(Callback::Account(
                crate::http::account::finish_login(&state, &params, &origin).await,
            )),
            Err(err) => Err(err),
        },
        Err(_) => Err(AuthError::InvalidRequest(
            "The callback query could not be read.",
        )),
    };
    let jar = jar.remove(
        Cookie::build(LOGIN_COOKIE)
            .path("/auth")
            .secure(state.is_https()),
    );
    let response = match result {
        Ok(Callback::Client(back)) => {
            // Back to the MCP client, remembering the browser when asked to.
            let jar = match back.browser_cookie {
                Some(value) => jar.add(crate::oauth::authorize::browser_cookie(&state, value)),
                None => jar,
            };
            return no_store((jar, found(&back.location)).into_response());
        }
        Ok(Callback::Account(response)) => response,
        Ok(Callback::Session(done)) => {
            let workspace = done.user.default_workspace.as_ref();
            let body = json!({
                "token": done.token,
                "expires_in": done.expires_in,
                "token_type": "Bearer",
                "user": {
                    "id": done.user.id.to_string(),
                    "email": done.user.email,
                    "username": done.user.username,
                    "team": workspace.map(|w| json!({ "id": w.id, "name": w.name })),
                },
            });
            if html {
                pages::login_success(&state, &done.token, &done.user)
            } else {
                Json(body).into_response()
            }
        }
        Err(err) if html => pages::error_page(&ApiError::from(err)),
        Err(err) => ApiError::from(err).into_response(),
    };
    no_store((jar, response).into_response())
}

/// Where a callback ends: the seed's session, the account page, or back at an MCP client.
enum Callback {
    Session(login::LoggedIn),
    Account(Response),
    Client(crate::oauth::authorize::ClientReturn),
}

/// `POST /auth/refresh`: a new session token for a valid one, which is revoked.
pub async fn refresh(
    State(state): State<AppState>,
    Origin(origin): Origin,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let auth = sessions::authenticate(&state, &headers).await?;
    if auth.grant.is_some() {
        // An MCP client's access token is refreshed at /token with its refresh token; here it
        // would become a seed token without the client's scope.
        return Err(ApiError::RefreshFailed("use_token_endpoint"));
    }
    clickup_credential::verify_with_clickup(&state, auth.user.id).await?;
    let now = state.clock.now();
    let issued = sessions::issue(&state, &auth.user, now)?;
    let audit = AuditRecord::new(AuditEvent::TokenRefresh, now)
        .user(auth.user.id)
        .origin(&origin)
        .details(json!({ "previous_jti_expiry": auth.claims.exp }));
    match state
        .store
        .rotate_session(
            &auth.claims.jti,
            &issued.session,
            now,
            state.auditor.gate(audit).as_ref(),
        )
        .await?
    {
        Rotation::Rotated => {}
        // Another refresh of the same token won the race.
        Rotation::AlreadyRevoked => return Err(ApiError::InvalidToken("revoked")),
    }
    let body = json!({
        "token": issued.token,
        "expires_in": state.session_lifetime_secs,
        "token_type": "Bearer",
    });
    Ok(no_store(Json(body).into_response()))
}

/// `?all=true` on logout.
#[derive(Debug, Default, Deserialize)]
pub struct LogoutQuery {
    #[serde(default)]
    all: Option<String>,
}

/// `POST /auth/logout[?all=true]`: revoke this session, or every session and the ClickUp token.
pub async fn logout(
    State(state): State<AppState>,
    Origin(origin): Origin,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let query: LogoutQuery = serde_urlencoded::from_str(query.as_deref().unwrap_or(""))
        .map_err(|_| ApiError::InvalidRequest("The query could not be read."))?;
    let all = match query.all.as_deref() {
        None | Some("false") => false,
        Some("true") => true,
        Some(_) => return Err(ApiError::InvalidRequest("all must be true or false.")),
    };
    let auth = sessions::authenticate(&state, &headers).await?;
    let now = state.clock.now();
    let audit = AuditRecord::new(AuditEvent::Logout, now)
        .user(auth.user.id)
        .origin(&origin)
        .details(json!({ "all": all }));
    let revoked = if all {
        let revoked = state
            .store
            .revoke_all_sessions(
                auth.user.id,
                now,
                state.auditor.gate(audit.clone()).as_ref(),
            )
            .await?;
        state.credential_cache.forget(auth.user.id);
        revoked
    } else {
        u64::from(
            state
                .store
                .revoke_session(&auth.claims.jti, now, state.auditor.gate(audit).as_ref())
                .await?,
        )
    };
    let body = json!({
        "success": true,
        "message": if all { "Logged out of every session; the stored ClickUp token was deleted." } else { "Logged out." },
        "revoked_sessions": revoked,
    });
    Ok(no_store(Json(body).into_response()))
}

/// `GET /auth/me`: who the token belongs to, their tier and their rate limit now.
pub async fn me(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, ApiError> {
    let auth = sessions::authenticate(&state, &headers).await?;
    let user = auth.user;
    let limit = match user.tier {
        Tier::Free => state.limits.free_per_minute,
        Tier::Premium => state.limits.premium_per_minute,
    };
    let window = state
        .limiter
        .peek(user.id, limit, state.clock.now_ms())
        .await
        .map_err(ApiError::internal)?;
    let body = json!({
        "user": {
            "id": user.id.to_string(),
            "email": user.email,
            "username": user.username,
            "tier": user.tier,
            "team_id": user.default_workspace.as_ref().map(|w| w.id.clone()),
            "rate_limit": {
                "limit": window.limit,
                "remaining": window.remaining,
                "reset": window.reset_epoch,
            },
        }
    });
    Ok(no_store(Json(body).into_response()))
}

fn wants_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"))
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    #[test]
    fn html_is_chosen_only_when_the_client_asks_for_it() {
        let mut headers = HeaderMap::new();
        assert!(!wants_html(&headers));
        headers.insert(header::ACCEPT, HeaderValue::from_static("*/*"));
        assert!(!wants_html(&headers));
        headers.insert(
            header::ACCEPT,
            HeaderValue::from_static("text/html,application/xhtml+xml"),
        );
        assert!(wants_html(&headers));
    }
}
