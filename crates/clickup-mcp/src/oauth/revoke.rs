//! `POST /revoke` (RFC 7009): a client revokes one of its own tokens. A refresh token revokes
//! its whole family (every refresh token and access token of that authorization); an access
//! token revokes its session. The answer is 200 whether or not the token was known, live, or
//! this client's (so the endpoint tells nobody anything about tokens); only a failed client
//! authentication or a malformed request is an error.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::audit::{AuditEvent, AuditRecord, RequestOrigin};
use crate::oauth::clients::{self, Client};
use crate::oauth::error::{OAuthError, no_store};
use crate::oauth::form::{Form, FormError};
use crate::oauth::hash;
use crate::state::AppState;
use crate::web::request_origin::Origin;

/// Longer tokens are ignored unread.
const MAX_TOKEN_BYTES: usize = 4096;

/// `POST /revoke`.
pub async fn revoke(
    State(state): State<AppState>,
    Origin(origin): Origin,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    match revoke_inner(&state, &origin, &headers, &body).await {
        Ok(()) => no_store(StatusCode::OK.into_response()),
        Err(err) => err.into_response(),
    }
}

async fn revoke_inner(
    state: &AppState,
    origin: &RequestOrigin,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<(), OAuthError> {
    let form = Form::parse(body).map_err(|err| match err {
        FormError::Repeated => OAuthError::InvalidRequest("A parameter is repeated."),
        FormError::Unreadable => {
            OAuthError::InvalidRequest("The body must be application/x-www-form-urlencoded.")
        }
    })?;
    let client = clients::authenticate(state, headers, &form).await?;
    let token = form
        .get("token")
        .ok_or(OAuthError::InvalidRequest("token is required."))?;
    if token.len() > MAX_TOKEN_BYTES {
        return Ok(());
    }
    // The hint only says where to look first; both kinds are tried.
    if token.split('.').count() == 3 {
        revoke_access_token(state, origin, &client, token).await
    } else {
        revoke_refresh_token(state, origin, &client, token).await
    }
}

async fn revoke_access_token(
    state: &AppState,
    origin: &RequestOrigin,
    client: &Client,
    token: &str,
) -> Result<(), OAuthError> {
    let now = state.clock.now();
    let Ok((claims, Some(grant))) = state.jwt.verify_with_grant(token, now) else {
        return Ok(());
    };
    if grant.client_id != client.client_id {
        return Ok(());
    }
    let Ok(user_id) = claims.user_id() else {
        return Ok(());
    };
    let audit = AuditRecord::new(AuditEvent::TokenRevoked, now)
        .user(user_id)
        .origin(origin)
        .details(json!({ "client_id": client.client_id, "token_type": "access_token" }));
    state
        .store
        .revoke_session(&claims.jti, now, state.auditor.gate(audit).as_ref())
        .await?;
    Ok(())
}

async fn revoke_refresh_token(
    state: &AppState,
    origin: &RequestOrigin,
    client: &Client,
    token: &str,
) -> Result<(), OAuthError> {
    let now = state.clock.now();
    let Some(stored) = state.store.get_refresh_token(&hash(token)).await? else {
        return Ok(());
    };
    if stored.client_id != client.client_id {
        return Ok(());
    }
    let audit = AuditRecord::new(AuditEvent::TokenRevoked, now)
        .user(stored.user_id)
        .origin(origin)
        .details(json!({ "client_id": client.client_id, "token_type": "refresh_token" }));
    state
        .store
        .revoke_token_family(&stored.family_id, now, state.auditor.gate(audit).as_ref())
        .await?;
    Ok(())
}
