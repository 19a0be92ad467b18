//! Who is calling: the `Authorization` header (ClickUp's raw `Authorization: <token>`, or
//! `Bearer <token>`) resolved to a user and the workspaces the token may use, and the middleware
//! that authenticates and rate-limits every API v2 route.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::errors::ApiError;
use crate::model::{TeamId, UserId};
use crate::state::{SharedState, World};

/// The two kinds of ClickUp token.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum TokenKind {
    /// An access token from the OAuth flow: the workspaces the user granted.
    Oauth,
    /// A `pk_…` personal token: every workspace of the user.
    Personal,
}

/// An authenticated caller; handlers find it in the request extensions.
#[derive(Clone, Debug)]
pub(crate) struct Caller {
    /// The token's user.
    pub(crate) user_id: UserId,
    /// The kind of token.
    pub(crate) kind: TokenKind,
    /// The workspaces this token may use.
    pub(crate) teams: Vec<TeamId>,
    /// The rate-limit key of this token (the token itself never leaves the state).
    limiter_key: String,
}

impl Caller {
    /// Whether this token may use the workspace `team`.
    pub(crate) fn may_use(&self, team: &TeamId) -> bool {
        self.teams.contains(team)
    }
}

/// The token in the `Authorization` header, without a `Bearer ` prefix; `None` when absent or
/// empty.
fn presented_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?.trim();
    if value.eq_ignore_ascii_case("bearer") {
        return None;
    }
    let token = match value.split_once(' ') {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("bearer") => rest.trim(),
        _ => value,
    };
    (!token.is_empty()).then_some(token)
}

/// Resolves the `Authorization` header against the world at `now_ms`.
pub(crate) fn resolve(world: &World, now_ms: i64, headers: &HeaderMap) -> Result<Caller, ApiError> {
    let token = presented_token(headers).ok_or(ApiError::AuthorizationHeaderRequired)?;
    if token.starts_with("pk_") {
        let user = world
            .data
            .users
            .iter()
            .find(|u| u.personal_token == token)
            .ok_or(ApiError::TokenInvalid)?;
        return Ok(Caller {
            user_id: user.id,
            kind: TokenKind::Personal,
            teams: world.data.teams_of(user.id),
            limiter_key: format!("pk:{}", user.id),
        });
    }
    let access = world
        .oauth
        .access_token(token)
        .ok_or(ApiError::TokenNotFound)?;
    if access.expires_at_ms.is_some_and(|at| now_ms >= at) {
        return Err(ApiError::TokenExpired);
    }
    Ok(Caller {
        user_id: access.grant.user_id,
        kind: TokenKind::Oauth,
        teams: access.grant.teams.clone(),
        limiter_key: format!("oauth:{token}"),
    })
}

/// The user and token kind for the request log, when the header resolves.
pub(crate) fn identify(
    world: &World,
    now_ms: i64,
    headers: &HeaderMap,
) -> Option<(UserId, TokenKind)> {
    resolve(world, now_ms, headers)
        .ok()
        .map(|c| (c.user_id, c.kind))
}

/// Middleware on every API v2 route: authenticate → rate-limit → handler, with the
/// `X-RateLimit-*` headers on every answer to an authenticated caller.
pub(crate) async fn require_token(
    State(state): State<SharedState>,
    mut request: Request,
    next: Next,
) -> Response {
    let now_ms = state.now_ms();
    let checked = {
        let mut world = state.world();
        resolve(&world, now_ms, request.headers()).map(|caller| {
            let limit = world.settings.rate_limit_per_minute;
            let decision = world.limiter.check(&caller.limiter_key, limit, now_ms);
            (caller, decision)
        })
    };
    let (caller, decision) = match checked {
        Ok(pair) => pair,
        Err(error) => return error.into_response(),
    };
    let mut response = if decision.allowed {
        request.extensions_mut().insert(caller);
        next.run(request).await
    } else {
        ApiError::RateLimited.into_response()
    };
    decision.write_headers(response.headers_mut());
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        if let Ok(value) = HeaderValue::from_str(value) {
            headers.insert(header::AUTHORIZATION, value);
        }
        headers
    }

    #[test]
    fn the_token_is_read_raw_or_after_bearer() {
        assert_eq!(
            presented_token(&headers("pk_1_ABC")),
            Some("pk_1_ABC"),
            "raw"
        );
        assert_eq!(
            presented_token(&headers("Bearer pk_1_ABC")),
            Some("pk_1_ABC"),
            "bearer"
        );
        assert_eq!(
            presented_token(&headers("bearer  tok ")),
            Some("tok"),
            "lowercase bearer"
        );
        assert_eq!(presented_token(&headers("")), None, "empty");
        assert_eq!(
            presented_token(&headers("Bearer ")),
            None,
            "bearer without token"
        );
        assert_eq!(presented_token(&HeaderMap::new()), None, "absent");
    }
}
